using System.Buffers;
using System.Text.Json;
using McpShim.Policy.Schema;
using McpShim.Relay;

namespace McpShim.Policy;

/// <summary>
/// What a denied call gets. Mostly a JSON-RPC error: <c>message</c> says which rule and how to change it;
/// <c>data</c> carries the same facts for programs: <c>{"reason": ..., "tool": ..., "profile": ..., "violations": [...]}</c>.
/// Arguments that fail the inputSchema get a tool result with <c>isError: true</c> instead (<see cref="ToolError"/>).
/// </summary>
internal static class PolicyErrors
{
    /// <summary>The <c>_meta</c> key of a tool-error result that carries what the error's <c>data</c> would.</summary>
    public const string DenialKey = "io.mcpshim/denial";

    public static byte[] Build(string rawId, int code, string message, string reason, string? tool, string profile, IReadOnlyList<SchemaViolation>? violations = null) =>
        JsonRpcErrors.Build(rawId, code, message, w => WriteFacts(w, reason, tool, profile, violations));

    /// <summary>
    /// A tool execution error: since MCP 2025-11-25, "input validation errors" are reported in the tool's result
    /// with <c>isError: true</c>, so the model reads them and can retry with better arguments. In a 2026-07-28
    /// session the result says <c>"resultType": "complete"</c>, as every result there does.
    /// </summary>
    public static byte[] ToolError(string rawId, string message, string reason, string? tool, string profile, IReadOnlyList<SchemaViolation>? violations, bool stateless)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Json.ReadableJson.Options))
        {
            JsonRpcErrors.StartMessage(w, rawId);
            w.WriteStartObject("result");
            if (stateless)
                w.WriteString("resultType", "complete");
            w.WriteStartArray("content");
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", message);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteBoolean("isError", true);
            w.WriteStartObject("_meta");
            w.WriteStartObject(DenialKey);
            WriteFacts(w, reason, tool, profile, violations);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFacts(Utf8JsonWriter w, string reason, string? tool, string profile, IReadOnlyList<SchemaViolation>? violations)
    {
        w.WriteString("reason", reason);
        if (tool is not null)
            w.WriteString("tool", tool);
        w.WriteString("profile", profile);
        if (violations is not { Count: > 0 })
            return;
        w.WriteStartArray("violations");
        foreach (var violation in violations)
        {
            w.WriteStartObject();
            w.WriteString("path", violation.Path);
            w.WriteString("rule", violation.Rule);
            w.WriteString("message", violation.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
