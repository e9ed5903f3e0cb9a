using System.Text;
using McpShim.Relay;

namespace McpShim.Tests.Relay;

public sealed class FrameJudgeSpecs
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"}""")]
    [InlineData(""" { "jsonrpc" : "2.0" , "id" : 1 , "method" : "tools/call" , "params" : { "name" : "echo" } } """)]
    [InlineData("""{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]}""")]
    [InlineData("""{"s":"\ud83d\ude00 \\ud800 \u00e9 \" \\"}""")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]""")]
    [InlineData("""{"k":1,"\u212Ax":2}""")]
    public void Frames_every_reader_reads_alike_pass(string frame) =>
        Assert.Equal(FrameProblem.None, FrameJudge.Check(Encoding.UTF8.GetBytes(frame)));

    [Theory]
    [InlineData("""{"id":1,"method":"ping","params":{},"method":"tools/call"}""")]
    [InlineData("""{"method":"ping","\u006dethod":"tools/call"}""")]
    [InlineData("""{"method":"ping","Method":"tools/call"}""")]
    [InlineData("""{"method":"ping","METHOD":"tools/call"}""")]
    [InlineData("""{"params":{},"paramſ":{}}""")]
    [InlineData("""{"params":{},"param\u017f":{}}""")]
    [InlineData("""{"kind":1,"\u212Aind":2}""")]
    [InlineData("""{"params":{"name":"echo","arguments":{},"name":"delete_all"}}""")]
    [InlineData("""{"a":[{"b":{"x":1,"X":2}}]}""")]
    public void A_repeated_key_is_refused_at_any_level_in_any_spelling(string frame) =>
        Assert.Equal(FrameProblem.DuplicateKey, FrameJudge.Check(Encoding.UTF8.GetBytes(frame)));

    [Theory]
    [InlineData("""{"id":50,"Method":"tools/call","params":{"name":"delete_all"}}""")]
    [InlineData("""{"Id":51,"method":"tools/call","params":{"name":"delete_all"}}""")]
    [InlineData("""{"ıd":52,"method":"ping"}""")]
    [InlineData("""{"İD":53,"method":"ping"}""")]
    [InlineData("""{"id":54,"method":"tools/call","params":{"NAME":"delete_all"}}""")]
    [InlineData("""{"id":55,"method":"tools/call","paramſ":{"name":"delete_all"}}""")]
    public void A_protocol_field_spelt_so_only_go_matches_it_is_refused_even_alone(string frame) =>
        Assert.Equal(FrameProblem.DuplicateKey, FrameJudge.Check(Encoding.UTF8.GetBytes(frame)));

    [Fact]
    public void Keys_that_differ_only_in_case_below_the_fold_levels_are_allowed_but_exact_repeats_are_not()
    {
        var caseOnly = """{"id":1,"result":{"headers":{"Accept":"a","accept":"b"}}}"""u8;
        var exact = """{"id":1,"result":{"headers":{"accept":"a","accept":"b"}}}"""u8;
        var topLevel = """{"id":1,"ID":2,"result":{}}"""u8;

        Assert.Equal(FrameProblem.None, FrameJudge.Check(caseOnly, foldLevels: 1));
        Assert.Equal(FrameProblem.DuplicateKey, FrameJudge.Check(exact, foldLevels: 1));
        Assert.Equal(FrameProblem.DuplicateKey, FrameJudge.Check(topLevel, foldLevels: 1));
    }

    [Fact]
    public void A_repeat_among_many_keys_is_found_and_many_distinct_keys_pass()
    {
        var keys = Enumerable.Range(0, 50_000).Select(i => $"\"k{i}\":{i}").ToList();
        var distinct = Encoding.UTF8.GetBytes("{" + string.Join(",", keys) + "}");
        keys.Add("\"K17\":0");
        var repeated = Encoding.UTF8.GetBytes("{" + string.Join(",", keys) + "}");

        Assert.Equal(FrameProblem.None, FrameJudge.Check(distinct));
        Assert.Equal(FrameProblem.DuplicateKey, FrameJudge.Check(repeated));
    }

    [Fact]
    public void Sibling_objects_do_not_share_keys_after_a_large_one()
    {
        var big = "{" + string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"k{i}\":1")) + "}";
        var frame = Encoding.UTF8.GetBytes("[" + big + ",{\"k1\":1},{\"k1\":2,\"k2\":3}]");

        Assert.Equal(FrameProblem.None, FrameJudge.Check(frame));
    }

    [Theory]
    [InlineData("{\"id\":1,\"method\":\"ping\"}\r{\"id\":2,\"method\":\"tools/call\"}")]
    [InlineData("{\"id\":1,\r\"method\":\"ping\"}")]
    public void A_carriage_return_inside_the_line_is_refused(string frame) =>
        Assert.Equal(FrameProblem.BareCarriageReturn, FrameJudge.Check(Encoding.UTF8.GetBytes(frame)));

    [Theory]
    [InlineData("""{"id":1,"method":"ping"} {"id":2,"method":"tools/call"}""")]
    [InlineData("""{"id":1,"method":"ping"}{"id":2}""")]
    [InlineData("""{"id":1,"method":"ping"}x""")]
    [InlineData("""[1] [2]""")]
    public void A_second_value_on_the_line_is_refused(string frame) =>
        Assert.Equal(FrameProblem.TrailingData, FrameJudge.Check(Encoding.UTF8.GetBytes(frame)));

    [Theory]
    [InlineData(63, "None")]
    [InlineData(64, "None")]
    [InlineData(65, "TooDeep")]
    [InlineData(300, "TooDeep")]
    [InlineData(5000, "TooDeep")]
    public void Nesting_beyond_the_limit_is_refused_as_too_deep(int levels, string expected)
    {
        // levels counts the message itself: {"_meta": [[...]]}
        var frame = "{\"_meta\":" + new string('[', levels - 1) + new string(']', levels - 1) + "}";

        Assert.Equal(expected, FrameJudge.Check(Encoding.UTF8.GetBytes(frame)).ToString());
    }

    [Theory]
    [InlineData("""{"name":"delete_all\ud800"}""")]
    [InlineData("""{"name":"\udc00x"}""")]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""{"id":NaN}""")]
    [InlineData("""{"id":1,}""")]
    [InlineData("{\"id\":1 /* comment */}")]
    [InlineData("\uFEFF{\"id\":1}")]
    [InlineData("""{"a":"tab	inside"}""")]
    public void Text_readers_decode_differently_or_reject_is_refused_as_invalid_json(string frame) =>
        Assert.Equal(FrameProblem.InvalidJson, FrameJudge.Check(Encoding.UTF8.GetBytes(frame)));

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        byte[] frame = [.. "{\"name\":\"a"u8, 0xC3, 0x28, .. "\"}"u8];
        byte[] overlong = [.. "{\"name\":\""u8, 0xC0, 0xAF, .. "\"}"u8];
        byte[] surrogate = [.. "{\"name\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8];

        Assert.Equal(FrameProblem.InvalidUtf8, FrameJudge.Check(frame));
        Assert.Equal(FrameProblem.InvalidUtf8, FrameJudge.Check(overlong));
        Assert.Equal(FrameProblem.InvalidUtf8, FrameJudge.Check(surrogate));
    }
}
