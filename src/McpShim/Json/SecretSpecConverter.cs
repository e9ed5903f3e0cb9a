using System.Text.Json;
using System.Text.Json.Serialization;
using McpShim.Profiles;

namespace McpShim.Json;

/// <summary>Reads a secret given as a bare name or as <c>{ "name", "from" }</c>; writes the object form.</summary>
internal sealed class SecretSpecConverter : JsonConverter<SecretSpec>
{
    public override SecretSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new SecretSpec { Name = reader.GetString() };
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a secret is a name, e.g. \"GITHUB_TOKEN\", or an object {\"name\": ..., \"from\": \"cmd:...\"}");

        var members = StringMembers.Read(ref reader, "a secret", "name", "from");
        return new SecretSpec { Name = members.GetValueOrDefault("name"), From = members.GetValueOrDefault("from") };
    }

    public override void Write(Utf8JsonWriter writer, SecretSpec value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("name", value.Name);
        if (value.From is not null)
            writer.WriteString("from", value.From);
        writer.WriteEndObject();
    }
}
