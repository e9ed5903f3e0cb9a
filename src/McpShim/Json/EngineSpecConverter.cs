using System.Text.Json;
using System.Text.Json.Serialization;
using McpShim.Profiles;

namespace McpShim.Json;

/// <summary>Reads an engine given as a bare name or as <c>{ "name", "host", "context" }</c>; writes the shortest form.</summary>
internal sealed class EngineSpecConverter : JsonConverter<EngineSpec>
{
    public override EngineSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new EngineSpec { Name = reader.GetString() };
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("an engine is a name, e.g. \"docker\", or an object {\"name\": \"docker\", \"host\": \"tcp://build-box:2375\"}");

        var members = StringMembers.Read(ref reader, "an engine", "name", "host", "context");
        return new EngineSpec { Name = members.GetValueOrDefault("name"), Host = members.GetValueOrDefault("host"), Context = members.GetValueOrDefault("context") };
    }

    public override void Write(Utf8JsonWriter writer, EngineSpec value, JsonSerializerOptions options)
    {
        if (value.Host is null && value.Context is null)
        {
            writer.WriteStringValue(value.Name);
            return;
        }

        writer.WriteStartObject();
        if (value.Name is not null)
            writer.WriteString("name", value.Name);
        if (value.Host is not null)
            writer.WriteString("host", value.Host);
        if (value.Context is not null)
            writer.WriteString("context", value.Context);
        writer.WriteEndObject();
    }
}
