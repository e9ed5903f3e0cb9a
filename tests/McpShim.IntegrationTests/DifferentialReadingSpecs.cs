using McpShim.IntegrationTests.Infrastructure;
using static McpShim.IntegrationTests.Infrastructure.FrameBytes;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 13: whatever mcpshim forwards or audits is what every mainstream reader reads. The same hostile frames go
/// through the published mcpshim into real servers that read stdin four ways (the TypeScript SDK, Python's universal
/// newlines, a Go encoding/json Decoder, the C# SDK). A frame the readers could read differently is refused whole:
/// not one byte reaches the server, the client gets a JSON-RPC error and the audit a frame.refused line. Whatever
/// was sent, a denied tool never runs, every call that runs has one audit line, stdout carries only whole frames,
/// and the call after the hostile frames still runs.
/// </summary>
public sealed class DifferentialReadingSpecs
{
    private const string Deny = HostileExchange.DeniedTool;

    public static TheoryData<string, bool> EachReaderWithAndWithoutPolicy
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var reader in ReaderServer.Names)
            {
                data.Add(reader, true);
                data.Add(reader, false);
            }
            return data;
        }
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(EachReaderWithAndWithoutPolicy))]
    public async Task A_streamed_frame_with_a_late_duplicate_method_is_refused_whole(string reader, bool policy)
    {
        // Past the 256 KiB inspection window, a second "method" turns a ping into the denied call (last key wins).
        var padding = new string('x', 300 * 1024);
        var frame = Line($$$"""{"jsonrpc":"2.0","id":3,"method":"ping","params":{"pad":"{{{padding}}}"},"method":"tools/call","params":{"name":"{{{Deny}}}"}}""");

        var outcome = await HostileExchange.RunAsync(reader, frame, new HostileOptions { Policy = policy });

        HostileAssert.Invariants(outcome, policy);
        HostileAssert.Refused(outcome, "duplicate_key", 1, "n:3");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(EachReaderWithAndWithoutPolicy))]
    public async Task A_bare_carriage_return_between_two_objects_is_refused(string reader, bool policy)
    {
        // One line to a '\n' reader, two messages to universal newlines (Python) and StreamReader (C#).
        var frame = Line("""{"jsonrpc":"2.0","id":4,"method":"ping"}""", "\r", Call("5", Deny));

        var outcome = await HostileExchange.RunAsync(reader, frame, new HostileOptions { Policy = policy });

        HostileAssert.Invariants(outcome, policy);
        HostileAssert.Refused(outcome, "bare_cr", 1, "n:4", "n:5");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(ReaderServer.Each), MemberType = typeof(ReaderServer))]
    public async Task A_frame_over_max_frame_bytes_is_refused_without_a_byte_reaching_the_server(string reader)
    {
        // A valid call, then 1.2 M spaces: its first MiB parses on its own, so no prefix of it may go out.
        var frame = Line(Call("6", "echo", ""","arguments":{"message":"cut"}"""), new string(' ', 1_200_000));

        var outcome = await HostileExchange.RunAsync(reader, frame, new HostileOptions { MaxFrameBytes = HostileOptions.OneMiB });

        HostileAssert.Invariants(outcome);
        HostileAssert.Refused(outcome, "oversized", 1, "n:6");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(ReaderServer.Each), MemberType = typeof(ReaderServer))]
    public async Task A_call_nested_300_deep_is_refused_with_an_audit_line_even_without_a_policy(string reader)
    {
        // System.Text.Json stops at 64 levels, the other readers go on: the readers disagree on whether it is a call.
        var meta = new string('[', 298) + new string(']', 298);
        var frame = Line(Call("8", "echo", $$""","_meta":{"deep":{{meta}}}"""));

        var outcome = await HostileExchange.RunAsync(reader, frame, new HostileOptions { Policy = false });

        HostileAssert.Invariants(outcome, policy: false);
        HostileAssert.Refused(outcome, "depth", 1, "n:8");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(ReaderServer.Each), MemberType = typeof(ReaderServer))]
    public async Task Non_canonical_ids_on_tools_list_are_refused_and_never_unfilter_the_list(string reader)
    {
        // Answered as 10 / 11 / "12", these ids would not match what mcpshim tracked, and the list would pass unfiltered.
        var frames = Lines(
            Line("""{"jsonrpc":"2.0","id":10.0,"method":"tools/list"}"""),
            Line("""{"jsonrpc":"2.0","id":1.1e1,"method":"tools/list"}"""),
            Line("""{"jsonrpc":"2.0","id":"\u0031\u0032","method":"tools/list"}"""));

        var outcome = await HostileExchange.RunAsync(reader, frames);

        HostileAssert.Invariants(outcome);
        Assert.DoesNotContain(outcome.Frames, f => f.GetRawText().Contains($"\"{Deny}\"", StringComparison.Ordinal));
        HostileAssert.Refused(outcome, "id_form", 3);
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(ReaderServer.Each), MemberType = typeof(ReaderServer))]
    public async Task Non_canonical_ids_on_tools_call_are_refused(string reader)
    {
        var frames = Lines(
            Line(Call("13.0", "echo")),
            Line(Call("1.4e1", "echo")),
            Line(Call("\"\\u0031\\u0035\"", "echo")),
            Line(Call("-0", "echo")),
            Line(Call("9007199254740993", "echo")));

        var outcome = await HostileExchange.RunAsync(reader, frames);

        HostileAssert.Invariants(outcome);
        HostileAssert.Refused(outcome, "id_form", 5);
        Assert.DoesNotContain(outcome.Executed, c => c.Id is "n:13" or "n:14" or "s:15" or "n:0" or "n:9007199254740993" or "n:9007199254740992");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(EachReaderWithAndWithoutPolicy))]
    public async Task Duplicate_keys_in_any_spelling_are_refused(string reader, bool policy)
    {
        // Envelope, params and params.name, each duplicated exactly, through an escape, and in a spelling only Go's
        // case folding matches; an id given twice; and Go-equal keys (KELVIN SIGN) inside the arguments.
        var frames = Lines(
            Line($$"""{"jsonrpc":"2.0","id":20,"method":"ping","params":{"name":"{{Deny}}"},"method":"tools/call"}"""),
            Line($$"""{"jsonrpc":"2.0","id":21,"method":"ping","params":{"name":"{{Deny}}"},"\u006dethod":"tools/call"}"""),
            Line($$"""{"jsonrpc":"2.0","id":22,"method":"ping","params":{"name":"{{Deny}}"},"Method":"tools/call"}"""),
            Line($$$"""{"jsonrpc":"2.0","id":23,"method":"tools/call","params":{"name":"echo"},"params":{"name":"{{{Deny}}}"}}"""),
            Line($$$"""{"jsonrpc":"2.0","id":24,"method":"tools/call","params":{"name":"echo"},"paramſ":{"name":"{{{Deny}}}"}}"""),
            Line(Call("25", "echo", $$""","name":"{{Deny}}" """)),
            Line(Call("26", "echo", $$""","n\u0061me":"{{Deny}}" """)),
            Line(Call("27", "echo", $$""","NAME":"{{Deny}}" """)),
            Line("""{"jsonrpc":"2.0","id":28,"id":29,"method":"tools/call","params":{"name":"echo"}}"""),
            Line(Call("30", "echo", ""","arguments":{"link":"a","lin\u212A":"b","linK":"c"}""")));

        var outcome = await HostileExchange.RunAsync(reader, frames, new HostileOptions { Policy = policy });

        HostileAssert.Invariants(outcome, policy);
        HostileAssert.Refused(outcome, "duplicate_key", 10, "n:20", "n:21", "n:22", "n:23", "n:24", "n:25", "n:26", "n:27", "n:30");
        Assert.DoesNotContain(outcome.Executed, c => c.Id is "n:28" or "n:29");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(ReaderServer.Each), MemberType = typeof(ReaderServer))]
    public async Task A_second_value_on_the_line_is_refused(string reader)
    {
        // A Go Decoder reads the second value as the next message; JSON.parse rejects the line.
        var frames = Lines(
            Line("""{"jsonrpc":"2.0","id":31,"method":"ping"} """, Call("32", Deny)),
            Line(Call("33", "echo"), """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":33}}"""));

        var outcome = await HostileExchange.RunAsync(reader, frames);

        HostileAssert.Invariants(outcome);
        HostileAssert.Refused(outcome, "trailing_data", 2, "n:31", "n:32", "n:33");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(ReaderServer.Each), MemberType = typeof(ReaderServer))]
    public async Task Invalid_utf8_is_refused(string reader)
    {
        // Python's strict decoder stops reading at it; the others read U+FFFD.
        var frames = Lines(
            Line(Call("34", "echo", ""","arguments":{"message":" """), new byte[] { 0xFF, 0xFE }, "\"}"),
            Line("""{"jsonrpc":"2.0","id":35,"method":"tools/call","params":{"name":"echo","arguments":{" """, new byte[] { 0xC0, 0xAF }, "\":1}}}"));

        var outcome = await HostileExchange.RunAsync(reader, frames);

        HostileAssert.Invariants(outcome);
        HostileAssert.Refused(outcome, "invalid_utf8", 2, "n:34", "n:35");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(ReaderServer.Each), MemberType = typeof(ReaderServer))]
    public async Task NaN_and_Infinity_are_refused(string reader)
    {
        // json.loads takes them as numbers; JSON.parse, Go and System.Text.Json reject the line.
        var frames = Lines(
            Line(Call("36", "echo", ""","arguments":{"n":NaN}""")),
            Line(Call("37", "echo", ""","arguments":{"n":-Infinity}""")));

        var outcome = await HostileExchange.RunAsync(reader, frames);

        HostileAssert.Invariants(outcome);
        HostileAssert.Refused(outcome, "invalid_json", 2, "n:36", "n:37");
    }

    [ReaderTheory(Timeout = 60_000)]
    [MemberData(nameof(ReaderServer.Each), MemberType = typeof(ReaderServer))]
    public async Task Crlf_blank_lines_and_whitespace_between_tokens_are_still_forwarded(string reader)
    {
        // What the contract tolerates: none of it is ambiguous, so the calls run and are audited.
        var frames = Lines(
            Line(Call("40", "echo"), "\r"),
            Line(""),
            Line("  { \"jsonrpc\" : \"2.0\" ,\t\"id\" : 41 , \"method\" : \"tools/call\" , \"params\" : { \"name\" : \"write_file\" } }  "));

        var outcome = await HostileExchange.RunAsync(reader, frames);

        HostileAssert.Invariants(outcome);
        Assert.Contains(outcome.Executed, c => c is { Tool: "echo", Id: "n:40" });
        Assert.Contains(outcome.Executed, c => c is { Tool: "write_file", Id: "n:41" });
        Assert.Empty(outcome.Events("frame.refused"));
    }
}
