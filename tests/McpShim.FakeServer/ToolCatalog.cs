using System.Buffers;
using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>The tools/list result, prebuilt once; <see cref="AddLateTool"/> switches to the list with 'late'.</summary>
internal sealed class ToolCatalog
{
    private static readonly byte[] Initial = Build(includeLate: false);
    private static readonly byte[] WithLate = Build(includeLate: true);

    private volatile bool _hasLate;

    public bool HasLate => _hasLate;

    /// <summary>The JSON of the tools/list result: {"tools":[...]}.</summary>
    public ReadOnlySpan<byte> ListResult => _hasLate ? WithLate : Initial;

    public void AddLateTool() => _hasLate = true;

    private static byte[] Build(bool includeLate)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output, JsonRpcFrames.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("tools");
            Tool(json, "echo", "Returns the message as text.", ("message", "string"));
            Tool(json, "big", "Returns a text of the given number of 'x'.", ("bytes", "integer"));
            Tool(json, "fail", "Always returns a tool error (isError: true).");
            Tool(json, "progress", "Sends notifications/progress for each step, then returns.", ("steps", "integer"));
            Tool(json, "sample", "Asks the client for sampling/createMessage and returns its text.", ("prompt", "string"));
            Tool(json, "elicit", "Asks the client for elicitation/create and returns the action.", ("message", "string"));
            Tool(json, "slow", "Sleeps the given milliseconds, then returns.", ("ms", "integer"));
            Tool(json, "stderr", "Writes the given number of lines to stderr.", ("lines", "integer"));
            if (includeLate)
                Tool(json, "late", "Appears after --tools-change-after N tools/call requests.");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static void Tool(Utf8JsonWriter json, string name, string description, params (string Name, string Type)[] arguments)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("description", description);
        json.WriteStartObject("inputSchema");
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        foreach (var (argument, type) in arguments)
        {
            json.WriteStartObject(argument);
            json.WriteString("type", type);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
