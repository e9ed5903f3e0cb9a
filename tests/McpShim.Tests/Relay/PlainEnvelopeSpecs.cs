using System.Text;
using McpShim.Relay;

namespace McpShim.Tests.Relay;

/// <summary>The fast envelope reader must read every frame it accepts exactly as the validating parser does.</summary>
public sealed class PlainEnvelopeSpecs
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":-12,"method":"ping","params":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"abc-1","method":"tools/list","params":{"cursor":"p{2}"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":1,"message":"a \"quoted\" } brace"}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"tools/call","params":{"name":"x"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"result":{}}""")]
    [InlineData("""{"result":{"content":[{"type":"text","text":"[[{{\\ \"}]"}],"isError":true},"jsonrpc":"2.0","id":7}""")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"error":{"code":-32601,"message":"Method not found"}}""")]
    [InlineData("{ \"jsonrpc\" : \"2.0\" ,\r\n\t\"id\" : 3 , \"result\" : [ 1 , true , null ] }\r\n")]
    [InlineData("""{"jsonrpc":"2.0","id":9223372036854775807,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":99999999999999999999,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":0,"result":{"n":-1.5e3,"s":"\u00e9"}}""")]
    [InlineData("""{"jsonrpc":"2.0"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"jsonrpc":"2.0","id":4}""")]
    public void It_reads_common_frames_as_the_full_parser_does(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);

        var accepted = PlainEnvelope.TryInspect(bytes, out var fast);

        Assert.True(accepted, frame);
        Assert.Equal(FrameInspector.Inspect(bytes, keepArgumentValues: false), fast);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{}}}""")] // name and arguments: full parser
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"pi\u006eg"}""")] // an escaped method
    [InlineData("""{"jsonrpc":"2.0","\u0069d":1,"method":"ping"}""")] // an escaped key
    [InlineData("""{"jsonrpc":"2.0","id":"a\"b","method":"ping"}""")] // an escaped id
    [InlineData("""{"jsonrpc":"2.0","id":1.0,"method":"ping"}""")] // a fraction keeps its raw text
    [InlineData("""{"jsonrpc":"2.0","id":1e2,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":01,"method":"ping"}""")] // not JSON
    [InlineData("""{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}""")] // a repeated member
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","method":"tools/call"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"vendor/custom"}""")] // an unknown method
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"} x""")] // trailing bytes
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping",}""")]
    [InlineData("""{"jsonrpc":"2.0",}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"a":"unterminated}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":true,"result":{}}""")]
    [InlineData("not json")]
    [InlineData("")]
    public void It_leaves_anything_unusual_to_the_full_parser(string frame)
    {
        Assert.False(PlainEnvelope.TryInspect(Encoding.UTF8.GetBytes(frame), out _), frame);
    }

    [Fact]
    public void Random_valid_envelopes_read_the_same_both_ways()
    {
        var random = new Random(20261122);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var frame = Encoding.UTF8.GetBytes(RandomEnvelope(random));
            if (!PlainEnvelope.TryInspect(frame, out var fast))
                continue;
            accepted++;
            Assert.True(FrameInspector.Inspect(frame, keepArgumentValues: false) == fast, Encoding.UTF8.GetString(frame));
        }

        Assert.True(accepted > 10_000, $"only {accepted} of 20000 random frames took the fast path");
    }

    [Fact]
    public void Only_sessions_without_a_policy_use_it()
    {
        var escapedButValid = """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"\ud800"}}"""u8; // a lone surrogate
        var invalid = """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":}}"""u8;

        Assert.Equal(MessageKind.Request, FrameInspector.Inspect(escapedButValid, keepArgumentValues: false).Kind);
        Assert.Equal(MessageKind.Other, FrameInspector.Inspect(invalid, keepArgumentValues: false).Kind); // validating
        Assert.Equal(MessageKind.Request, FrameInspector.Inspect(invalid, keepArgumentValues: false, plainFirst: true).Kind); // not validated
    }

    private static readonly string[] Methods = ["ping", "tools/list", "notifications/progress", "resources/read", "tools/call", "x/unknown"];

    private static string RandomEnvelope(Random random)
    {
        var members = new List<string> { Member(random, "jsonrpc", "\"2.0\"") };
        var shape = random.Next(4);
        if (shape != 1)
            members.Add(Member(random, "id", RandomId(random)));
        if (shape <= 1)
            members.Add(Member(random, "method", "\"" + Methods[random.Next(Methods.Length)] + "\""));
        if (random.Next(2) == 0)
            members.Add(Member(random, shape >= 2 ? (random.Next(3) == 0 ? "error" : "result") : "params", RandomValue(random, 3)));
        if (random.Next(5) == 0)
            members.Add(Member(random, "_meta", RandomValue(random, 2)));
        if (random.Next(3) == 0)
            return "{" + string.Join(",", members) + "}"; // the compact shape most peers write, in their order
        var shuffled = members.OrderBy(_ => random.Next()).ToList();
        return "{" + Space(random) + string.Join("," + Space(random), shuffled) + Space(random) + "}" + Space(random);
    }

    private static string Member(Random random, string key, string value) => $"\"{key}\"{Space(random)}:{Space(random)}{value}";

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":12,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":-3,"method":"notifications/progress"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":0,"method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"result":{"tools":[{"name":"a}"}]}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"result":7}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"result":"}"}""")]
    public void The_compact_shape_most_peers_write_reads_as_the_full_parser_reads_it(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);

        Assert.True(PlainEnvelope.TryInspect(bytes, out var fast), frame);
        Assert.Equal(FrameInspector.Inspect(bytes, keepArgumentValues: false), fast);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":12,"method":"ping","method":"tools/call"}""")] // a repeated member after the template
    [InlineData("""{"jsonrpc":"2.0","id":12,"result":{},"id":13}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"method":"tools/call"}""")] // name and arguments: full parser
    [InlineData("""{"jsonrpc":"2.0","id":012,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"method":"pi"ng"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"method":"ping"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"result":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"result":}""")]
    [InlineData("""{"jsonrpc":"2.0","id":12,"method":"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":}""")]
    public void Near_misses_of_the_compact_shape_are_not_read_as_it(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);

        if (PlainEnvelope.TryInspect(bytes, out var fast))
            Assert.Equal(FrameInspector.Inspect(bytes, keepArgumentValues: false), fast);
    }

    private static string RandomId(Random random) => random.Next(5) switch
    {
        0 => "\"" + RandomText(random) + "\"",
        1 => "null",
        2 => (-random.Next(1000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string RandomValue(Random random, int depth)
    {
        switch (depth <= 0 ? random.Next(4) : random.Next(6))
        {
            case 0:
                return "\"" + RandomText(random) + "\"";
            case 1:
                return random.Next(2) == 0 ? "true" : "-12.5e-3";
            case 2:
                return "null";
            case 3:
                return random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 4:
                return "[" + string.Join("," + Space(random), Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth - 1))) + "]";
            default:
                return "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ =>
                    Member(random, RandomText(random), RandomValue(random, depth - 1)))) + "}";
        }
    }

    /// <summary>Text that tempts a bracket matcher: braces, brackets, escaped quotes and backslashes.</summary>
    private static string RandomText(Random random)
    {
        string[] pieces = ["a", "{", "}", "[", "]", "\\\"", "\\\\", ",", ":", "é", "\\u0041", " "];
        return string.Concat(Enumerable.Range(0, random.Next(6)).Select(_ => pieces[random.Next(pieces.Length)]));
    }

    private static string Space(Random random) => random.Next(4) == 0 ? " \t"[..random.Next(1, 3)] : string.Empty;
}
