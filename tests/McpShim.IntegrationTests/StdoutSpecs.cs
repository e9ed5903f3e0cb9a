using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// stdout belongs to the MCP client: the relay writes JSON-RPC frames there and nothing else, even when it fails.
/// </summary>
public sealed class StdoutSpecs
{
    [Fact(Timeout = 30_000)]
    public async Task Relay_with_an_unknown_profile_prints_nothing_on_stdout_and_names_the_known_profiles()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var alpha = sandbox.AddEverythingProfile("alpha");
        var beta = sandbox.AddEverythingProfile("beta", mode: "exec");
        string[][] invocations =
        [
            ["--config", sandbox.ConfigPath, "no-such-profile"],
            ["--config", sandbox.ConfigPath, "run", "no-such-profile"],
        ];

        foreach (var arguments in invocations)
        {
            // stdin closes without a request: there is nobody to answer, so stdout must stay empty.
            var result = await ProcessRunner.RunAsync(
                ShimBinary.Path, arguments, sandbox.Environment, stdin: "", timeout: TimeSpan.FromSeconds(15));

            Assert.True(result.ExitCode != 0, $"mcpshim {string.Join(' ', arguments)}: {result}");
            Assert.True(result.Stdout.Length == 0, $"stdout must stay empty: {result}");
            Assert.Contains("no-such-profile", result.Stderr);
            Assert.Contains(alpha, result.Stderr);
            Assert.Contains(beta, result.Stderr);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Relay_with_an_unknown_profile_answers_a_waiting_initialize_with_one_json_rpc_error_and_nothing_else()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var alpha = sandbox.AddEverythingProfile("alpha");

        var result = await ProcessRunner.RunAsync(
            ShimBinary.Path, ["--config", sandbox.ConfigPath, "no-such-profile"], sandbox.Environment,
            stdin: JsonRpcFrames.Initialize + "\n", timeout: TimeSpan.FromSeconds(15));

        Assert.True(result.ExitCode != 0, result.ToString());
        var line = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var frame = JsonDocument.Parse(line);
        Assert.Equal(1, frame.RootElement.GetProperty("id").GetInt32());
        var message = frame.RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("no-such-profile", message);
        Assert.Contains(alpha, message);
        Assert.Contains(alpha, result.Stderr);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("--bogus", "everything")]
    [InlineData("everything", "extra")]
    [InlineData("--log-level", "loud", "everything")]
    public async Task A_mistyped_command_line_prints_nothing_on_stdout_and_says_what_is_wrong(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(ShimBinary.Path, arguments, stdin: JsonRpcFrames.Initialize + "\n", timeout: TimeSpan.FromSeconds(10));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("mcpshim: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("mcpshim --help", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task I_can_list_the_profiles_on_stdout()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var alpha = sandbox.AddEverythingProfile("alpha");

        var result = await ProcessRunner.RunAsync(
            ShimBinary.Path, ["--config", sandbox.ConfigPath, "list"], sandbox.Environment, timeout: TimeSpan.FromSeconds(10));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains(alpha, result.Stdout);
        Assert.Contains(EverythingImage.Name, result.Stdout);
    }

    [DockerFact(Timeout = 60_000)]
    public async Task Relay_writes_only_json_rpc_frames_on_stdout_and_answers_everything_sent_before_stdin_closed()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("clean");
        var input = string.Join('\n', JsonRpcFrames.Initialize, JsonRpcFrames.Initialized, JsonRpcFrames.ListTools(2),
            JsonRpcFrames.Echo(3, "clean stdout")) + "\n";

        var result = await ProcessRunner.RunAsync(
            ShimBinary.Path, ["--config", sandbox.ConfigPath, "--log-level", "debug", profile], sandbox.Environment,
            stdin: input, timeout: TimeSpan.FromSeconds(45));

        Assert.True(result.Succeeded, result.ToString());
        Assert.False(result.Stdout.Contains('\r', StringComparison.Ordinal), "frames end with LF, never CRLF");
        var ids = new List<int>();
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var frame = JsonDocument.Parse(line);
            Assert.Equal("2.0", frame.RootElement.GetProperty("jsonrpc").GetString());
            if (frame.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
                ids.Add(id.GetInt32());
        }
        Assert.Equal([1, 2, 3], ids.Order());
        Assert.Contains("Echo: clean stdout", result.Stdout);
    }
}
