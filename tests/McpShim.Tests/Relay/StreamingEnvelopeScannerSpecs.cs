using System.Text;
using McpShim.Relay;

namespace McpShim.Tests.Relay;

/// <summary>The streaming scanner must see in pieces what <see cref="FrameInspector"/> sees in a whole frame.</summary>
public sealed class StreamingEnvelopeScannerSpecs
{
    public static TheoryData<string> Frames => new()
    {
        """{"jsonrpc":"2.0","id":1,"method":"ping"}""",
        """{"method":"ping","id":"a\"b","jsonrpc":"2.0"}""",
        """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progress":1,"id":5}}""",
        """{"result":{},"jsonrpc":"2.0","id":7}""",
        """{"jsonrpc":"2.0","id":7,"error":{"code":-1,"message":"x","data":{"id":3}}}""",
        """{"jsonrpc":"2.0","id":1,"result":{"content":[],"isError":true}}""",
        """{"jsonrpc":"2.0","id":1,"result":{"content":[{"isError":true}],"isError":false}}""",
        """{"params":{"arguments":{"path":"/a","content":"h\u00e9llo \\ \" ","n":{"x":[1,2,{"y":null}]},"b":true,"f":-1.5e3},"name":"write_file"},"id":3,"method":"tools/call","jsonrpc":"2.0"}""",
        """{ "jsonrpc" : "2.0" , "id" : 12 , "method" : "tools/call" , "params" : { "name" : "e\u0063ho" , "arguments" : { "message" : "hi" } } }""",
        """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse"}}""",
        """[{"jsonrpc":"2.0","id":1,"method":"ping"}]""",
        """{"jsonrpc":"2.0","id":{"weird":1},"method":"ping"}""",
        "\"just a string\"",
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void It_agrees_with_the_whole_frame_inspector_however_the_frame_is_cut(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        var expected = FrameInspector.Inspect(bytes, keepArgumentValues: false);

        foreach (var pieceSize in new[] { 1, 2, 3, 5, 16, bytes.Length })
        {
            var scanner = new StreamingEnvelopeScanner();
            for (var i = 0; i < bytes.Length; i += pieceSize)
                scanner.Feed(bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i)));
            var actual = scanner.ToFrameInfo();

            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.Method, actual.Method);
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.ToolName, actual.ToolName);
            Assert.Equal(expected.IsErrorResponse, actual.IsErrorResponse);
            Assert.Equal(expected.ToolErrorIn(bytes), actual.ToolErrorIn(default));
            Assert.Equal(expected.Arguments?.Sizes, actual.Arguments?.Sizes);
            Assert.Equal(bytes.Length, scanner.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Searching_for_the_frame_end_reads_the_same_envelope_and_stops_at_the_newline(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame + "\n{\"next\":1}");
        var end = Encoding.UTF8.GetByteCount(frame);
        var expected = FrameInspector.Inspect(bytes.AsSpan(0, end), keepArgumentValues: false);

        foreach (var pieceSize in new[] { 1, 2, 3, 5, 16, bytes.Length })
        {
            var scanner = new StreamingEnvelopeScanner();
            var found = -1;
            for (var i = 0; i < bytes.Length && found < 0; i += pieceSize)
            {
                var at = scanner.FeedToNewline(bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i)));
                if (at >= 0)
                    found = i + at;
            }

            var actual = scanner.ToFrameInfo();
            Assert.Equal(end, found);
            Assert.Equal(end, scanner.Length);
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.Method, actual.Method);
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.ToolName, actual.ToolName);
            Assert.Equal(expected.Arguments?.Sizes, actual.Arguments?.Sizes);
            Assert.Equal(expected.ToolErrorIn(bytes.AsSpan(0, end)), actual.ToolErrorIn(default));
        }
    }

    [Fact]
    public void A_newline_inside_a_string_still_ends_the_frame()
    {
        var scanner = new StreamingEnvelopeScanner();

        var at = scanner.FeedToNewline("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"ab\ncd\"}}"u8);

        Assert.Equal(44, at);
        Assert.Equal(44, scanner.Length);
    }

    [Fact]
    public void A_huge_argument_costs_no_memory()
    {
        var scanner = new StreamingEnvelopeScanner();
        scanner.Feed("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"w\",\"arguments\":{\"data\":\""u8);
        var chunk = Encoding.UTF8.GetBytes(new string('z', 1 << 20));
        for (var i = 0; i < 64; i++)
            scanner.Feed(chunk);
        scanner.Feed("\"}}}"u8);

        var info = scanner.ToFrameInfo();

        Assert.Equal("w", info.ToolName);
        Assert.Equal([new KeyValuePair<string, long>("data", (64L << 20) + 2)], info.Arguments!.Sizes);
    }
}
