using System.Text.Json;
using System.Text.RegularExpressions;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 18: the built-in profiles on a fresh machine, as a newcomer meets them. A fresh HOME each time (no profiles
/// file, no ~/projects), the published binary, the images ./build.sh made, and Claude Code's own health check.
/// </summary>
public sealed class BuiltInProfileSpecs
{
    private static readonly string[] BuiltIns = ["context7", "everything", "filesystem", "memory", "sequential-thinking"];

    [DockerFact(Timeout = 180_000)]
    public async Task The_filesystem_profile_serves_the_project_folder_it_is_started_in_read_only()
    {
        using var home = new TempDirectory();
        var project = Directory.CreateDirectory(Path.Combine(home.Path, "src", "app")).FullName;
        File.WriteAllText(Path.Combine(project, "README.md"), "the app");

        var show = await ShimAsync(home, project, "show", "filesystem");
        var test = await ShimAsync(home, project, "test", "filesystem");

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(project, show.Stdout, StringComparison.Ordinal);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Matches($@"(?m)^filesystem +hardening +mounts read-only unless allowed +pass .*/workspace ro \(bind {Regex.Escape(project)}\)", test.Stdout);
    }

    [DockerFact(Timeout = 300_000)]
    public async Task From_the_home_folder_test_all_skips_filesystem_with_the_reason_and_show_says_once_what_it_needs()
    {
        using var home = new TempDirectory();
        var config = home.File("builtin-only.json");
        File.WriteAllText(config, """{ "profiles": {} }""");

        var show = await ShimAsync(home, home.Path, "show", "filesystem");
        var all = await ShimAsync(home, home.Path, "test", "--all", "--config", config, "--json", home.File("report.json"));

        Assert.Equal(78, show.ExitCode);
        Assert.Equal(string.Empty, show.Stdout);
        // One error line, ending in a newline, naming the way out (a report saw it twice, run together).
        var line = Assert.Single(show.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("\n", show.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("mcpshim: error: built-in: $.profiles.filesystem.volumes[0].host: ", line, StringComparison.Ordinal);
        Assert.Contains("serves the folder its MCP client starts it in", line, StringComparison.Ordinal);
        Assert.Contains("in a project folder inside your home folder", line, StringComparison.Ordinal);

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Matches(@"(?m)^filesystem +start +profile is valid +skip +- +run 'mcpshim test' in a project folder", all.Stdout);
        using var report = JsonDocument.Parse(File.ReadAllText(home.File("report.json")));
        var tested = report.RootElement.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("profile").GetString()).ToList();
        Assert.Equal(BuiltIns, tested.Order(StringComparer.Ordinal));
    }

    [ClaudeCodeFact(Timeout = 420_000)]
    public async Task After_config_claude_code_write_claude_mcp_list_shows_every_built_in_connected_and_each_session_ends_in_the_audit()
    {
        using var home = new TempDirectory();
        var project = Directory.CreateDirectory(Path.Combine(home.Path, "src", "app")).FullName;
        var environment = Environment(home);

        var written = await ProcessRunner.RunAsync(ShimBinary.Path, ["config", "claude-code", "--write"], environment, timeout: TimeSpan.FromSeconds(30), workingDirectory: project);
        Assert.True(written.ExitCode == 0, written.ToString());
        var listed = await ProcessRunner.RunAsync(ThirdPartyClients.ClaudeCode, ["mcp", "list"], environment, timeout: TimeSpan.FromSeconds(180), workingDirectory: project);

        Assert.True(listed.Succeeded, listed.ToString());
        foreach (var profile in BuiltIns)
        {
            var entry = listed.Stdout.Split('\n').SingleOrDefault(l => l.StartsWith(profile + ": ", StringComparison.Ordinal));
            Assert.True(entry is not null, $"claude mcp list has no '{profile}':\n{listed}");
            Assert.Contains(ShimBinary.ResolvedPath, entry, StringComparison.Ordinal);
            Assert.True(entry.Contains("Connected", StringComparison.Ordinal) && !entry.Contains("Failed", StringComparison.Ordinal), $"'{profile}' is not connected:\n{listed}");
        }

        // Claude Code does not wait for the servers it stopped: give their last lines a moment.
        var audit = Path.Combine(home.Path, "state", "mcpshim", "audit.jsonl");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<string> unended;
        List<JsonElement> records;
        do
        {
            await Task.Delay(250);
            records = File.Exists(audit) ? [.. File.ReadAllLines(audit).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)] : [];
            var ends = records.Where(r => Event(r) == "session.end").Select(r => r.GetProperty("session").GetString()).ToList();
            unended = [.. records.Where(r => Event(r) == "session.start").Select(r => r.GetProperty("session").GetString()!).Where(id => ends.Count(e => e == id) != 1)];
        }
        while (unended.Count > 0 && DateTime.UtcNow < deadline);

        var started = records.Where(r => Event(r) == "session.start").Select(r => r.GetProperty("profile").GetString()).ToHashSet();
        Assert.True(BuiltIns.All(started.Contains), $"not every built-in started a session: {string.Join(", ", started)}");
        Assert.True(unended.Count == 0, $"sessions without exactly one session.end: {string.Join(", ", unended)}\n{string.Join('\n', records)}");
        Assert.DoesNotContain(records, r => r.TryGetProperty("reason", out var reason) && reason.GetString() == "lost");
    }

    private static string? Event(JsonElement record) => record.GetProperty("event").GetString();

    private static Dictionary<string, string?> Environment(TempDirectory home) => new()
    {
        ["HOME"] = home.Path,
        ["XDG_CONFIG_HOME"] = null,
        ["XDG_STATE_HOME"] = Path.Combine(home.Path, "state"),
        ["MCPSHIM_CONFIG"] = null,
        ["MCPSHIM_AUDIT_FILE"] = null,
        ["DISABLE_AUTOUPDATER"] = "1",
        ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
    };

    private static Task<CommandResult> ShimAsync(TempDirectory home, string workingDirectory, params string[] arguments) =>
        ProcessRunner.RunAsync(ShimBinary.Path, arguments, Environment(home), timeout: TimeSpan.FromSeconds(240), workingDirectory: workingDirectory);
}
