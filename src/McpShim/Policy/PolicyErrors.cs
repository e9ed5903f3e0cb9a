using McpShim.Policy.Schema;
using McpShim.Relay;

namespace McpShim.Policy;

/// <summary>
/// The JSON-RPC error a denied call gets. <c>message</c> says which rule and how to change it; <c>data</c> carries
/// the same facts for programs: <c>{"reason": ..., "tool": ..., "profile": ..., "violations": [...]}</c>.
/// </summary>
internal static class PolicyErrors
{
    public static byte[] Build(string rawId, int code, string message, string reason, string? tool, string profile, IReadOnlyList<SchemaViolation>? violations = null) =>
        JsonRpcErrors.Build(rawId, code, message, w =>
        {
            w.WriteString("reason", reason);
            if (tool is not null)
                w.WriteString("tool", tool);
            w.WriteString("profile", profile);
            if (violations is { Count: > 0 })
            {
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
        });
}
