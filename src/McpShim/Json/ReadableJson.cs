using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpShim.Json;

/// <summary>
/// Writer options for text people read (error messages, audit lines): quotes, apostrophes and non-ASCII stay as
/// they are instead of <c>\u0022</c>-style escapes. Still valid JSON; nothing here is embedded in HTML.
/// </summary>
internal static class ReadableJson
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
