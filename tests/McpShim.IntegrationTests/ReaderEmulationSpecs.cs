using System.Text;
using McpShim.IntegrationTests.Differential;

namespace McpShim.IntegrationTests;

/// <summary>
/// The reader emulations the differential suite and the fuzzer judge mcpshim by: each must read a frame the way the
/// real reader does, or the oracle is wrong. Cases where readers really do part are pinned here.
/// </summary>
public sealed class ReaderEmulationSpecs
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";
    private const string DeleteAll = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"delete_all"}}""";

    [Fact]
    public void Universal_newlines_split_a_line_at_a_bare_carriage_return_where_a_line_feed_reader_does_not()
    {
        var reading = Read(Ping + "\r" + DeleteAll + "\n");

        Assert.Empty(reading["typescript-sdk"]); // JSON.parse sees a second value and throws
        Assert.Equal(["ping", "tools/call"], reading["python-universal-newline"].Select(m => m.Method));
        Assert.Equal(["ping", "tools/call"], reading["csharp-sdk"].Select(m => m.Method));
        Assert.Equal(["ping", "tools/call"], reading["go-decoder"].Select(m => m.Method));
        Assert.Equal(["a", "b", "c", "", "d"], LineSplitter.Universal("a\rb\nc\r\n\rd"));
    }

    [Fact]
    public void A_crlf_line_end_reads_alike_everywhere()
    {
        var comparison = ReadingComparison.Of(Encoding.UTF8.GetBytes(Ping + "\r\n" + DeleteAll + "\r\n"));

        Assert.Null(comparison.FirstDisagreement());
        Assert.All(comparison.ByReader.Values, messages => Assert.Equal(2, messages.Count));
    }

    [Fact]
    public void Go_matches_keys_case_insensitively_and_the_last_matching_key_wins()
    {
        var frame = """{"jsonrpc":"2.0","id":3,"method":"ping","Method":"tools/call","params":{"name":"echo","NAME":"delete_all"}}""";

        var reading = Read(frame + "\n");

        Assert.Equal(new ReadMessage("ping", "n:3", null), Assert.Single(reading["typescript-sdk"]));
        Assert.Equal(new ReadMessage("ping", "n:3", null), Assert.Single(reading["python-universal-newline"]));
        Assert.Equal(new ReadMessage("tools/call", "n:3", "delete_all"), Assert.Single(reading["go-decoder"]));
    }

    [Theory]
    [InlineData("paramſ", "params")] // U+017F LONG S folds to 's'
    [InlineData("\u212Aey", "key")] // U+212A KELVIN SIGN folds to 'k'
    [InlineData("\u0130d", "id")]
    [InlineData("ıd", "id")]
    [InlineData("METHOD", "method")]
    public void Go_folding_matches_the_spellings_go_matches(string spelling, string field)
    {
        Assert.True(GoFold.Equal(spelling, field));
        Assert.False(GoFold.Equal(spelling + "x", field));
    }

    [Fact]
    public void Go_leaves_a_string_field_unset_by_a_later_null_and_reads_two_values_on_one_line()
    {
        var frame = """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"write_file","nam\u0065":null}}""";

        var go = new GoDecoderReader().Read(Encoding.UTF8.GetBytes(frame + " " + Ping + "\n"));
        var javascript = new JavaScriptLineReader().Read(Encoding.UTF8.GetBytes(frame + "\n"));

        Assert.Equal([new ReadMessage("tools/call", "n:4", "write_file"), new ReadMessage("ping", "n:1", null)], go);
        Assert.Equal(new ReadMessage("tools/call", "n:4", null), Assert.Single(javascript));
    }

    [Fact]
    public void Escaped_keys_are_the_same_key_to_every_reader()
    {
        var frame = """{"jsonrpc":"2.0","id":5,"method":"ping","\u006dethod":"tools/call","params":{"name":"delete_all"}}""";

        var comparison = ReadingComparison.Of(Encoding.UTF8.GetBytes(frame + "\n"));

        Assert.Null(comparison.FirstDisagreement());
        Assert.All(comparison.ByReader.Values, m => Assert.Equal("delete_all", Assert.Single(m).Tool));
    }

    [Theory]
    [InlineData("1.0", "n:1", "n:1", null)]
    [InlineData("1e0", "n:1", "n:1", null)]
    [InlineData("9007199254740993", null, "n:9007199254740993", "n:9007199254740993")]
    [InlineData("\"\\u0032\"", "s:2", "s:2", "s:2")]
    public void Id_spellings_are_read_as_each_reader_converts_numbers(string spelling, string? javascript, string? python, string? csharp)
    {
        var frame = $$"""{"jsonrpc":"2.0","id":{{spelling}},"method":"tools/list"}""" + "\n";

        var reading = Read(frame);

        Assert.Equal(javascript, reading["typescript-sdk"].SingleOrDefault()?.Id);
        Assert.Equal(python, reading["python-universal-newline"].SingleOrDefault()?.Id);
        Assert.Equal(csharp, reading["csharp-sdk"].SingleOrDefault()?.Id);
    }

    [Fact]
    public void Only_python_reads_nan_and_system_text_json_stops_past_64_levels()
    {
        var withNaN = """{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"echo","arguments":{"n":NaN}}}""" + "\n";
        string Nested(int depth) => """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","_meta":""" +
                                    new string('[', depth - 2) + new string(']', depth - 2) + "}}\n";

        var nan = Read(withNaN);
        var deep64 = Read(Nested(64));
        var deep65 = Read(Nested(65));

        Assert.Single(nan["python-universal-newline"]);
        Assert.Empty(nan["typescript-sdk"]);
        Assert.Empty(nan["go-decoder"]);
        Assert.Empty(nan["csharp-sdk"]);
        Assert.Single(deep64["csharp-sdk"]);
        Assert.Empty(deep65["csharp-sdk"]);
        Assert.Single(deep65["typescript-sdk"]);
    }

    [Fact]
    public void Invalid_utf8_ends_the_python_reading_and_is_replaced_elsewhere()
    {
        var stream = Encoding.UTF8.GetBytes(Ping + "\n").Concat(
            Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"echo","arguments":{"m":"""))
            .Concat(new byte[] { (byte)'"', 0xFF, (byte)'"' }).Concat(Encoding.UTF8.GetBytes("}}}\n" + Ping + "\n")).ToArray();

        var reading = ReadingComparison.Of(stream).ByReader;

        Assert.Equal(["ping"], reading["python-universal-newline"].Select(m => m.Method));
        Assert.Equal(3, reading["typescript-sdk"].Count);
        Assert.Equal(3, reading["go-decoder"].Count);
        Assert.Equal(3, reading["csharp-sdk"].Count);
    }

    [Fact]
    public void A_go_syntax_error_ends_its_reading_for_good()
    {
        var stream = Encoding.UTF8.GetBytes(Ping + "\n{\"jsonrpc\":\n" + "}\n" + DeleteAll + "\n");

        var reading = ReadingComparison.Of(stream).ByReader;

        Assert.Equal(["ping"], reading["go-decoder"].Select(m => m.Method));
        Assert.Equal(["ping", "tools/call"], reading["typescript-sdk"].Select(m => m.Method));
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<ReadMessage>> Read(string stream) =>
        ReadingComparison.Of(Encoding.UTF8.GetBytes(stream)).ByReader;
}
