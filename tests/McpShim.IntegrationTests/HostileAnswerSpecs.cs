using System.Text;
using McpShim.IntegrationTests.Differential;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 13, the server's side: a tools/list answer mcpshim must filter (the policy hides delete_all) is read whole
/// and one way, or not forwarded at all. A hostile server's answer with two ids, over the 256 KiB inspection window,
/// or split by a bare '\r' never brings the hidden tool to the client: the waiting request gets an error instead.
/// </summary>
public sealed class HostileAnswerSpecs
{
    private const string ListTools = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    [ReaderFact(Timeout = 60_000)]
    public async Task A_tools_list_answer_with_two_ids_never_brings_a_hidden_tool_to_the_client()
    {
        var outcome = await RunAsync("two_ids");

        HostileAssert.Invariants(outcome);
        AssertHiddenToolNeverListed(outcome);
        AssertAnsweredWithError(outcome);
    }

    [ReaderFact(Timeout = 60_000)]
    public async Task A_tools_list_answer_over_the_inspection_window_is_filtered_whole()
    {
        var outcome = await RunAsync("huge");

        HostileAssert.Invariants(outcome);
        AssertHiddenToolNeverListed(outcome);
        var answer = Assert.Single(outcome.AnswersTo("n:2"));
        var names = answer.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["echo", "write_file"], names);
    }

    [ReaderFact(Timeout = 60_000)]
    public async Task A_tools_list_answer_behind_a_bare_carriage_return_never_brings_a_hidden_tool_to_the_client()
    {
        var outcome = await RunAsync("bare_cr");

        HostileAssert.Invariants(outcome);
        AssertHiddenToolNeverListed(outcome);
        AssertAnsweredWithError(outcome);
    }

    private static Task<HostileOutcome> RunAsync(string mode) =>
        HostileExchange.RunAsync(
            ReaderServer.PythonScript("hostile-answer-server.py"),
            FrameBytes.Line(ListTools),
            new HostileOptions { ServerEnvironment = new Dictionary<string, string> { ["MCPSHIM_HOSTILE_ANSWER"] = mode } });

    /// <summary>No reading of stdout lists the hidden tool: not '\n' lines, not universal-newline lines.</summary>
    private static void AssertHiddenToolNeverListed(HostileOutcome outcome)
    {
        foreach (var line in LineSplitter.Universal(Encoding.UTF8.GetString(outcome.Stdout)))
        {
            Assert.False(line.Contains($"\"name\":\"{HostileExchange.DeniedTool}\"", StringComparison.Ordinal),
                $"the hidden tool reached the client: {(line.Length > 300 ? line[..300] : line)}\n{outcome}");
        }
    }

    /// <summary>The tools/list request got one answer, a JSON-RPC error (mcpshim could not read the server's one way).</summary>
    private static void AssertAnsweredWithError(HostileOutcome outcome)
    {
        var answer = Assert.Single(outcome.AnswersTo("n:2"));
        Assert.True(answer.TryGetProperty("error", out _), $"the tools/list request should get an error, got {answer.GetRawText()[..Math.Min(300, answer.GetRawText().Length)]}\n{outcome}");
    }
}
