using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace McpShim.SdkServer;

/// <summary>Appends each executed tools/call as {"reader","tool","id"} to the file the test named (or nowhere).</summary>
internal sealed class CallLog(string? path)
{
    private readonly Lock _gate = new();

    public void Record(string tool, RequestId id)
    {
        if (string.IsNullOrEmpty(path))
            return;
        var line = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["reader"] = "csharp-sdk",
            ["tool"] = tool,
            ["id"] = id.Id,
        });
        lock (_gate)
            File.AppendAllText(path, line + "\n");
    }
}
