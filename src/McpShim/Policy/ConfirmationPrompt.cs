using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

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
        text.Append(CultureInfo.InvariantCulture, $"mcpshim (profile '{profile}') asks before this tool runs: {tool}");
        if (!string.IsNullOrWhiteSpace(description))
            text.Append(" — ").Append(Cut(description.Trim().ReplaceLineEndings(" "), MaxDescriptionChars));
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

                var value = SecretArgumentNames.IsSecret(argument.Name) ? "[redacted]" : Render(argument.Value);
                text.Append(CultureInfo.InvariantCulture, $"  {argument.Name}: {value}\n");
            }
        }

        text.Append("Allow this call?");
        return redact(text.ToString());
    }

    /// <summary>A value as compact JSON, secrets inside objects redacted, cut to a readable length.</summary>
    private static string Render(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Json.ReadableJson.Options))
            WriteRedacted(w, value);
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return json.Length <= MaxValueChars ? json : $"{json[..MaxValueChars]}… ({buffer.WrittenCount} bytes)";
    }

    private static void WriteRedacted(Utf8JsonWriter w, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    w.WritePropertyName(property.Name);
                    if (SecretArgumentNames.IsSecret(property.Name))
                        w.WriteStringValue("[redacted]");
                    else
                        WriteRedacted(w, property.Value);
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                    WriteRedacted(w, item);
                w.WriteEndArray();
                break;
            default:
                value.WriteTo(w);
                break;
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
