using System.Text;
using McpShim.Relay;

namespace McpShim.Tests.Relay;

/// <summary>A big client frame is judged on two cores; the verdict and the envelope must be the one-core judge's.</summary>
public sealed class SplitJudgeSpecs
{
    private static readonly string Big = new('x', SplitJudge.MinBytes);

    public static TheoryData<string, string> Frames => new()
    {
        { "a plain call", """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"BIG","n":1}}}""" },
        { "a repeated key", """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"BIG"},"name":"store"}}""" },
        { "a bare CR and a repeated key", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"p\":\"BIG\"},\"method\":\"x\"}\r{}" },
        { "bad UTF-8 and a repeated key", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"p\":\"BIG\u00ff\"},\"method\":\"x\"}" },
        { "no jsonrpc member", """{"id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"BIG"}}}""" },
        { "a second value", """{"jsonrpc":"2.0","id":7,"method":"ping","params":{"p":"BIG"}} {"id":8}""" },
        { "not JSON", """{"jsonrpc":"2.0","id":7,"method":"ping","params":{"p":"BIG}""" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void A_big_frame_judged_on_two_cores_gets_the_one_core_verdict_and_envelope(string what, string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.Replace("BIG", Big, StringComparison.Ordinal));
        if (what.StartsWith("bad UTF-8", StringComparison.Ordinal))
            bytes = [.. bytes.AsSpan(0, bytes.AsSpan().IndexOf("\u00ff"u8)), 0xFF, .. bytes.AsSpan(bytes.AsSpan().IndexOf("\u00ff"u8) + 2)];
        var oneCore = FrameJudge.Check(bytes);
        var expectedInfo = oneCore == FrameProblem.None ? FrameInspector.Inspect(bytes, keepArgumentValues: false) : FrameInfo.Other;

        var twoCores = SplitJudge.Check(bytes, keepArgumentValues: false, out var info);

        Assert.Equal(oneCore, twoCores);
        Assert.Equal(expectedInfo.Kind, info.Kind);
        Assert.Equal(expectedInfo.Method, info.Method);
        Assert.Equal(expectedInfo.Id, info.Id);
        Assert.Equal(expectedInfo.ToolName, info.ToolName);
        Assert.Equal(expectedInfo.SaysJsonRpc20, info.SaysJsonRpc20);
        Assert.Equal(expectedInfo.Arguments?.Sizes, info.Arguments?.Sizes);
    }
}
