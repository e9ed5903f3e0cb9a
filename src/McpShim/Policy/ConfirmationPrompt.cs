using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using McpShim.Logging;

namespace McpShim.Policy;

/// <summary>
/// The plain-language message of the <c>elicitation/create</c> mcpshim sends before a confirm-listed call: which
/// profile, which tool (and what it says it does), with what arguments. Values of secret-looking arguments and the
/// profile's own secret values are redacted; long values are cut.
/// </summary>
internal static class ConfirmationPrompt
{
    private const int MaxArguments = 20;
    private const int MaxValueChars = 200;
    private const int MaxDescriptionChars = 300;

    public static string Build(string profile, string tool, string? description, JsonElement arguments, Func<string, string> redact)
    {
        var text = new StringBuilder();
        // The tool's name and description come from the server: control and bidi characters are shown as escapes,
        // so they cannot make the question read otherwise than it is (issue 13).
        text.Append(CultureInfo.InvariantCulture, $"mcpshim (profile '{profile}') asks before this tool runs: {SafeText.Escape(tool)}");
        if (!string.IsNullOrWhiteSpace(description))
            text.Append(" — ").Append(Cut(SafeText.Escape(description.Trim().ReplaceLineEndings(" ")), MaxDescriptionChars));
        text.Append('\n');

        if (arguments.ValueKind != JsonValueKind.Object || !arguments.EnumerateObject().Any())
        {
            text.Append("No arguments.\n");
        }
        else
        {
            text.Append("Arguments:\n");
            var shown = 0;
            foreach (var argument in arguments.EnumerateObject())
            {
                if (shown++ == MaxArguments)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  (and {arguments.EnumerateObject().Count() - MaxArguments} more)\n");
                    break;
                }

                var value = SecretArgumentNames.IsSecret(argument.Name) ? "[redacted]" : SafeText.Escape(Render(argument.Value, redact));
                text.Append(CultureInfo.InvariantCulture, $"  {SafeText.Escape(redact(argument.Name))}: {value}\n");
            }
        }

        text.Append("Allow this call?");
        return redact(text.ToString());
    }

    /// <summary>
    /// A value as compact JSON, cut to a readable length. Secrets are redacted before the cut (a secret cut in half
    /// would no longer be found), in decoded strings (issue 13: an escaped spelling would not be found either).
    /// </summary>
    private static string Render(JsonElement value, Func<string, string> redact)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Json.ReadableJson.Options))
            WriteRedacted(w, value, redact);
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return json.Length <= MaxValueChars ? json : $"{json[..MaxValueChars]}… ({buffer.WrittenCount} bytes)";
    }

    private static void WriteRedacted(Utf8JsonWriter w, JsonElement value, Func<string, string> redact)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    w.WritePropertyName(redact(property.Name));
                    if (SecretArgumentNames.IsSecret(property.Name))
                        w.WriteStringValue("[redacted]");
                    else
                        WriteRedacted(w, property.Value, redact);
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                    WriteRedacted(w, item, redact);
                w.WriteEndArray();
                break;
            case JsonValueKind.String:
                w.WriteStringValue(redact(value.GetString()!));
                break;
            default:
                value.WriteTo(w);
                break;
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
