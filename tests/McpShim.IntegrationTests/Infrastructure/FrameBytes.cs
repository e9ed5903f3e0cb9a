using System.Text;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>Hostile client lines as bytes: text parts in UTF-8, byte parts as they are, each line ended by '\n'.</summary>
internal static class FrameBytes
{
    /// <summary>One line made of the parts (string or byte[]), then '\n'.</summary>
    public static byte[] Line(params object[] parts) =>
        parts.SelectMany(p => p switch
        {
            string text => Encoding.UTF8.GetBytes(text),
            byte[] bytes => bytes,
            _ => throw new ArgumentException($"a part is a string or byte[], not {p.GetType().Name}", nameof(parts)),
        }).Append((byte)'\n').ToArray();

    public static byte[] Lines(params byte[][] lines) => lines.SelectMany(l => l).ToArray();

    /// <summary>A tools/call for the tool with the id spelled as given (raw JSON) and optional extra params members.</summary>
    public static string Call(string idJson, string tool, string extraParams = "") =>
        $$"""{"jsonrpc":"2.0","id":{{idJson}},"method":"tools/call","params":{"name":"{{tool}}" """.TrimEnd() + extraParams + "}}";
}
