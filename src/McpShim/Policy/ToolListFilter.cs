using System.Buffers;

namespace McpShim.Policy;

/// <summary>
/// Rebuilds a <c>tools/list</c> answer without the tools the policy hides: the bytes before and after
/// <c>result.tools</c> are copied as they were (id, <c>nextCursor</c>, <c>_meta</c>), and so is each tool kept.
/// </summary>
internal static class ToolListFilter
{
    public static byte[] Keep(ReadOnlySpan<byte> frame, ToolListPage page, IReadOnlyList<bool> keep)
    {
        var output = new ArrayBufferWriter<byte>(frame.Length);
        output.Write(frame[..page.ArrayStart]);
        output.Write("["u8);
        var first = true;
        for (var i = 0; i < page.Tools.Count; i++)
        {
            if (!keep[i])
                continue;
            if (!first)
                output.Write(","u8);
            output.Write(frame[page.Tools[i]]);
            first = false;
        }

        output.Write("]"u8);
        output.Write(frame[page.ArrayEnd..]);
        return output.WrittenSpan.ToArray();
    }
}
