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

        string? name = null, from = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "name" when reader.TokenType == JsonTokenType.String:
                    name = reader.GetString();
                    break;
                case "from" when reader.TokenType == JsonTokenType.String:
                    from = reader.GetString();
                    break;
                default:
                    throw new JsonException($"unknown key '{key}' in a secret (known keys: name, from), or not a string");
            }
        }

        return new SecretSpec { Name = name, From = from };
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
