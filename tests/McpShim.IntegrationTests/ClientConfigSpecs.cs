using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// <c>mcpshim config</c> and <c>show --mcp-json</c> from the published binary (issues 6 and 7): the entry names the
/// binary by its absolute path, as a GUI client with a minimal PATH needs. No engine is involved.
/// </summary>
public sealed class ClientConfigSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task I_can_write_a_Cursor_entry_that_names_the_binary_by_its_absolute_path_and_a_second_run_changes_nothing()
    {
        using var temp = new TempDirectory();
        var file = temp.File("mcp.json");
        await File.WriteAllTextAsync(file, "{\n  // mine\n  \"mcpServers\": {\n    \"other\": { \"command\": \"npx\", \"args\": [\"x\"] },\n  },\n}\n");
        var environment = MinimalEnvironment(temp);

        var first = await ProcessRunner.RunAsync(ShimBinary.Path, ["config", "cursor", "everything", "--write", "--file", file], environment, timeout: TimeSpan.FromSeconds(30));
        var second = await ProcessRunner.RunAsync(ShimBinary.Path, ["config", "cursor", "everything", "--write", "--file", file], environment, timeout: TimeSpan.FromSeconds(30));

        Assert.True(first.Succeeded, first.ToString());
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("// mine", text, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
        {
            var servers = document.RootElement.GetProperty("mcpServers");
            Assert.Equal("npx", servers.GetProperty("other").GetProperty("command").GetString());
            var entry = servers.GetProperty("everything");
            Assert.Equal(RealBinary, entry.GetProperty("command").GetString());
            Assert.Equal(["everything"], entry.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        }

        Assert.True(second.Succeeded, second.ToString());
        Assert.Contains("no change", second.Stdout, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(temp.Path, "mcp.json.mcpshim-backup-*"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Show_mcp_json_prints_a_ready_to_paste_entry_with_the_absolute_path_and_a_non_default_profiles_file()
    {
        using var temp = new TempDirectory();
        var profiles = temp.File("team-profiles.json");
        await File.WriteAllTextAsync(profiles, """{ "profiles": { "team": { "image": "example/team:1" } } }""");
        File.SetUnixFileMode(profiles, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["show", "team", "--mcp-json", "--config", profiles], MinimalEnvironment(temp), timeout: TimeSpan.FromSeconds(30));

        Assert.True(result.Succeeded, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var entry = document.RootElement.GetProperty("mcpServers").GetProperty("team");
        Assert.Equal(RealBinary, entry.GetProperty("command").GetString());
        Assert.Equal(["team", "--config", profiles], entry.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    /// <summary>Linux reports the running binary through /proc/self/exe, symlinks resolved.</summary>
    private static string RealBinary => ShimBinary.ResolvedPath;

    /// <summary>What a GUI client passes: launchd's PATH and a HOME (here a fresh one, so no user profiles file applies).</summary>
    private static Dictionary<string, string?> MinimalEnvironment(TempDirectory temp) => new()
    {
        ["PATH"] = "/usr/bin:/bin:/usr/sbin:/sbin",
        ["HOME"] = temp.Path,
        ["XDG_CONFIG_HOME"] = null,
        ["MCPSHIM_CONFIG"] = null,
    };
}
