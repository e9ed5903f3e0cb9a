using System.Text.Json;
using System.Xml.Linq;
using McpShim.Cli;
using McpShim.Tests.Support;

namespace McpShim.Tests.Cli;

/// <summary><c>mcpshim test</c> in-process, against the fake MCP server in local mode (the Docker side: IntegrationTests).</summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class TestCommandSpecs
{
    [Theory]
    [InlineData(new string[0], false, null, "name the profiles to test, e.g. 'mcpshim test everything', or test them all with 'mcpshim test --all'")]
    [InlineData(new[] { "fake" }, true, null, "give profile names or --all, not both (got fake and --all).")]
    [InlineData(new[] { "fake" }, false, 0.0, "--timeout must be a number of seconds above 0 and at most 3600")]
    public async Task A_command_line_that_cannot_work_is_a_usage_error_with_exit_code_2(string[] profiles, bool all, double? timeout, string message)
    {
        var (exit, stdout, stderr) = await RunAsync(new TestRequest(profiles, all, null, null, timeout, null));

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_profile_stops_the_run_before_anything_starts_and_names_the_known_ones()
    {
        using var temp = new TempFolder();
        var config = WriteProfiles(temp, """{"fake": {"mode": "local", "command": ["/bin/false"]}}""");

        var (exit, stdout, stderr) = await RunAsync(new TestRequest(["fake", "nope"], false, null, null, null, config));

        Assert.Equal(78, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("profile 'nope' not found", stderr, StringComparison.Ordinal);
        Assert.Contains("everything", stderr, StringComparison.Ordinal);
    }

    [HostSandboxFact(Timeout = 90_000)]
    public async Task I_can_test_profiles_and_get_a_table_a_JUnit_file_and_a_JSON_file_that_agree()
    {
        using var temp = new TempFolder();
        var config = WriteProfiles(temp, $$"""
            {
              "good": { "mode": "local", "command": ["{{RepoPaths.FakeServer}}"],
                        "smoke": { "calls": [ { "tool": "echo", "arguments": { "message": "hi" }, "expect": { "contains": "hi" } } ] } },
              "noisy": { "mode": "local", "command": ["{{RepoPaths.FakeServer}}", "--garbage-stdout"] },
              "broken": { "mode": "local", "command": ["{{RepoPaths.FakeServer}}"], "limits": { "memory": "lots" } }
            }
            """);
        var junit = temp.File("reports/smoke.xml");
        var json = temp.File("reports/smoke.json");

        var (exit, stdout, stderr) = await RunAsync(new TestRequest(["good", "noisy", "broken"], false, junit, json, 10, config));

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Matches(@"(?m)^good +calls +tools/call echo +pass +\d+ +text contains ""hi""$", stdout);
        Assert.Matches(@"(?m)^noisy +protocol +stdout carries only JSON-RPC +FAIL +- +stdout line 1", stdout);
        Assert.Matches(@"(?m)^broken +start +profile is valid +FAIL +- +.*\$\.profiles\.broken\.limits\.memory", stdout);
        Assert.Contains("FAILED (noisy, broken): 3 profiles, ", stdout, StringComparison.Ordinal);

        var suites = XDocument.Load(junit).Root!.Elements("testsuite").ToList();
        Assert.Equal(["good", "noisy", "broken"], suites.Select(s => (string)s.Attribute("name")!));
        Assert.Equal(["0", "1", "1"], suites.Select(s => (string)s.Attribute("failures")!));

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var profiles = report.RootElement.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(
            suites.Select(s => int.Parse((string)s.Attribute("tests")!, System.Globalization.CultureInfo.InvariantCulture)),
            profiles.Select(p => p.GetProperty("checks").GetArrayLength()));
        Assert.False(report.RootElement.GetProperty("succeeded").GetBoolean());
    }

    [HostSandboxFact(Timeout = 60_000)]
    public async Task Only_passing_profiles_exit_0()
    {
        using var temp = new TempFolder();
        var config = WriteProfiles(temp, $$"""{"good": {"mode": "local", "command": ["{{RepoPaths.FakeServer}}"] } }""");

        var (exit, stdout, _) = await RunAsync(new TestRequest(["good"], false, null, null, null, config));

        Assert.Equal(0, exit);
        Assert.StartsWith("PASSED: 1 profile, ", stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }

    private static string WriteProfiles(TempFolder temp, string profiles)
    {
        var file = temp.File("profiles.json");
        File.WriteAllText(file, $$"""{"profiles": {{profiles}}}""");
        return file;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(TestRequest request)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await TestCommand.RunAsync(request, Stream.Null, output, error, new ListLogger(), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
