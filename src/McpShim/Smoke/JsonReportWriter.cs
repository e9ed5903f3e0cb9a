using System.Text.Json;
using McpShim.Json;

namespace McpShim.Smoke;

/// <summary>
/// The machine report (<c>--json FILE</c>): the run, then per profile the image with its digest, the server's
/// protocol version and info, counts, and every check with its phase, status, milliseconds and detail.
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(SmokeReport report, Stream destination) =>
        JsonSerializer.Serialize(destination, report, ShimJsonContext.Default.SmokeReport);
}
