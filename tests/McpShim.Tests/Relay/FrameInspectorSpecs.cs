using System.Text;
using McpShim.Relay;

namespace McpShim.Tests.Relay;

public sealed class FrameInspectorSpecs
{
    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Request", "ping", "1")]
    [InlineData("{\"method\":\"ping\",\"id\":\"a\\\"b\",\"jsonrpc\":\"2.0\"}", "Request", "ping", "\"a\\\"b\"")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}", "Notification", "notifications/progress", null)]
    [InlineData("{\"result\":{},\"jsonrpc\":\"2.0\",\"id\":7}", "Response", null, "7")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-1,\"message\":\"x\"}}", "Response", null, "7")]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "Other", null, null)]
    [InlineData("not json", "Other", null, null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"", "Other", null, null)]
    public void It_reads_kind_method_and_raw_id(string frame, string kind, string? method, string? rawId)
    {
        var info = FrameInspector.Inspect(Encoding.UTF8.GetBytes(frame), keepArgumentValues: false);

        Assert.Equal(kind, info.Kind.ToString());
        Assert.Equal(method, info.Method);
        Assert.Equal(rawId, info.Id?.ToJson());
    }

    [Fact]
    public void It_reads_a_tool_call_whatever_the_key_order()
    {
        var frame = "{\"params\":{\"arguments\":{\"path\":\"/a\",\"content\":\"héllo\",\"n\":{\"x\":[1,2]}},\"name\":\"write_file\"},\"id\":3,\"method\":\"tools/call\",\"jsonrpc\":\"2.0\"}"u8;

        var info = FrameInspector.Inspect(frame, keepArgumentValues: true);

        Assert.Equal("write_file", info.ToolName);
        Assert.Equal(
            [new("path", 4), new("content", 8), new("n", 11)],
            info.Arguments!.Sizes);
        Assert.Equal("{\"path\":\"/a\",\"content\":\"héllo\",\"n\":{\"x\":[1,2]}}", Encoding.UTF8.GetString(info.Arguments.RawJson!));
    }

    [Fact]
    public void Argument_values_are_not_kept_unless_asked()
    {
        var info = FrameInspector.Inspect("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":{\"secret\":\"x\"}}}"u8, keepArgumentValues: false);

        Assert.Null(info.Arguments!.RawJson);
        Assert.Equal([new("secret", 3)], info.Arguments.Sizes);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],\"isError\":true}}", true)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"isError\":false,\"content\":[]}}", false)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"isError\":true}]}}", false)]
    public void It_reads_isError_of_a_tool_result(string frame, bool isError)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);

        Assert.Equal(isError, FrameInspector.Inspect(bytes, false).ToolErrorIn(bytes));
    }

    [Fact]
    public void Invalid_UTF8_is_forwarded_as_other_not_thrown()
    {
        byte[] frame = [.. "{\"id\":1,\"method\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal("Other", FrameInspector.Inspect(frame, false).Kind.ToString());
    }

    [Theory]
    [InlineData("{\"id\":\"7\",\"method\":\"ping\"}", "{\"id\":7,\"method\":\"ping\"}")]
    [InlineData("{\"id\":99999999999999999999,\"method\":\"ping\"}", "{\"id\":99999999999999999998,\"method\":\"ping\"}")]
    [InlineData("{\"id\":7.5,\"method\":\"ping\"}", "{\"id\":7,\"method\":\"ping\"}")]
    public void Ids_of_different_values_are_different_keys(string a, string b)
    {
        var first = FrameInspector.Inspect(Encoding.UTF8.GetBytes(a), false).Id;
        var second = FrameInspector.Inspect(Encoding.UTF8.GetBytes(b), false).Id;

        Assert.NotEqual(first, second);
        Assert.Equal(first, FrameInspector.Inspect(Encoding.UTF8.GetBytes(a), false).Id);
    }

    [Theory]
    [InlineData("{\"id\":7.0,\"result\":{}}", "7")]
    [InlineData("{\"id\":7e0,\"result\":{}}", "7")]
    [InlineData("{\"id\":70E-1,\"result\":{}}", "7")]
    [InlineData("{\"id\":\"\\u0032\",\"result\":{}}", "\"2\"")]
    [InlineData("{\"id\":\"a\\/b\",\"result\":{}}", "\"a/b\"")]
    public void An_answer_id_spelled_otherwise_is_the_key_of_its_value_and_marked_not_canonical(string frame, string key)
    {
        // A peer that parses the id answers request 7 as 7, whether the id came as 7.0 or 7e0 (issue 13).
        var info = FrameInspector.Inspect(Encoding.UTF8.GetBytes(frame), false);

        Assert.Equal(key, info.Id!.Value.ToJson());
        Assert.True(info.NonCanonicalId);
    }

    [Theory]
    [InlineData("{\"id\":7,\"method\":\"ping\"}", false)]
    [InlineData("{\"id\":\"abc\",\"method\":\"ping\"}", false)]
    [InlineData("{\"id\":9007199254740991,\"method\":\"ping\"}", false)]
    [InlineData("{\"id\":9007199254740992,\"method\":\"ping\"}", true)]
    [InlineData("{\"id\":-0,\"method\":\"ping\"}", true)]
    [InlineData("{\"id\":null,\"method\":\"ping\"}", true)]
    [InlineData("{\"id\":true,\"method\":\"ping\"}", true)]
    public void Only_plain_integers_and_unescaped_strings_are_canonical_request_ids(string frame, bool odd) =>
        Assert.Equal(odd, FrameInspector.Inspect(Encoding.UTF8.GetBytes(frame), false).NonCanonicalId);

    [Fact]
    public void Known_methods_are_shared_strings_and_unknown_ones_still_read()
    {
        var known = FrameInspector.Inspect("{\"id\":1,\"method\":\"tools/call\"}"u8, false).Method;
        var custom = FrameInspector.Inspect("{\"id\":1,\"method\":\"x/\\u0041\"}"u8, false).Method;

        Assert.Same(FrameInspector.ToolsCall, known);
        Assert.Equal("x/A", custom);
    }
}
