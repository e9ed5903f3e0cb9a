using System.Text.Json;
using System.Text.RegularExpressions;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// Codex and Gemini CLI reading what <c>mcpshim config</c> wrote into their own files (issue 20), through their own
/// <c>mcp list</c>. Each runs with a fresh HOME, so no real user file is read or touched; the files start as the
/// clients wrote them (<c>mcp add</c>), with a server of the user's and a stale mcpshim entry.
/// </summary>
public sealed partial class ClientCliSpecs
{
    [ClientCliFact("codex", Timeout = 240_000)]
    public async Task After_config_codex_write_codex_mcp_list_shows_every_profile_with_mcpshims_absolute_path()
    {
        using var temp = new TempDirectory();
        var environment = HomeWithProfiles(temp);
        await SucceedAsync(ThirdPartyClients.Codex, ["mcp", "add", "github", "--env", "GITHUB_TOKEN=ghp_x", "--", "npx", "-y", "@modelcontextprotocol/server-github"], environment, temp);
        await SucceedAsync(ThirdPartyClients.Codex, ["mcp", "add", "everything", "--", "/opt/old/mcpshim", "everything"], environment, temp);

        var written = await SucceedAsync(ShimBinary.Path, ["config", "codex", "--write"], environment, temp);
        var again = await SucceedAsync(ShimBinary.Path, ["config", "codex", "--write"], environment, temp);
        var json = await SucceedAsync(ThirdPartyClients.Codex, ["mcp", "list", "--json"], environment, temp);
        var table = await SucceedAsync(ThirdPartyClients.Codex, ["mcp", "list"], environment, temp);

        Assert.Contains("updated everything", written.Stdout, StringComparison.Ordinal);
        Assert.Contains("no change", again.Stdout, StringComparison.Ordinal);
        using var listed = JsonDocument.Parse(json.Stdout);
        var servers = listed.RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("transport"));
        foreach (var profile in await ProfilesAsync(environment, temp))
        {
            Assert.True(servers.TryGetValue(profile, out var transport), $"codex mcp list has no '{profile}':\n{json.Stdout}");
            Assert.Equal(ShimBinary.ResolvedPath, transport.GetProperty("command").GetString());
            Assert.Equal(ArgsOf(profile), transport.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
            Assert.Matches($"(?m)^{Regex.Escape(profile)} +{Regex.Escape(ShimBinary.ResolvedPath)} +{Regex.Escape(string.Join(' ', ArgsOf(profile)))} ", table.Stdout);
        }

        Assert.Equal("npx", servers["github"].GetProperty("command").GetString());
        Assert.Equal("ghp_x", servers["github"].GetProperty("env").GetProperty("GITHUB_TOKEN").GetString());
    }

    [ClientCliFact("gemini", Timeout = 240_000)]
    public async Task After_config_gemini_write_gemini_mcp_list_shows_every_profile_with_mcpshims_absolute_path()
    {
        using var temp = new TempDirectory();
        var environment = HomeWithProfiles(temp);
        await SucceedAsync(ThirdPartyClients.Gemini, ["mcp", "add", "--scope", "user", "github", "npx", "-y", "@modelcontextprotocol/server-github"], environment, temp);
        await SucceedAsync(ThirdPartyClients.Gemini, ["mcp", "add", "--scope", "user", "everything", "/opt/old/mcpshim", "everything"], environment, temp);

        var written = await SucceedAsync(ShimBinary.Path, ["config", "gemini", "--write"], environment, temp);
        var again = await SucceedAsync(ShimBinary.Path, ["config", "gemini", "--write"], environment, temp);
        // An untrusted folder (the default): Gemini CLI lists the servers without starting them.
        var listed = await SucceedAsync(ThirdPartyClients.Gemini, ["mcp", "list"], environment, temp);

        Assert.Contains("updated everything", written.Stdout, StringComparison.Ordinal);
        Assert.Contains("no change", again.Stdout, StringComparison.Ordinal);
        var output = listed.Stdout + listed.Stderr;
        foreach (var profile in await ProfilesAsync(environment, temp))
            Assert.Matches($"(?m) {Regex.Escape(profile)}: {Regex.Escape(ShimBinary.ResolvedPath)} {Regex.Escape(string.Join(' ', ArgsOf(profile)))} \\(stdio\\)", output);
        Assert.Contains(" github: npx -y @modelcontextprotocol/server-github (stdio)", output, StringComparison.Ordinal);
    }

    [ClientCliFact("gemini", needsEngine: true, Timeout = 240_000)]
    public async Task Gemini_CLI_in_a_trusted_folder_connects_to_a_server_through_the_entry_mcpshim_wrote()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("gemini");
        using var temp = new TempDirectory();
        var environment = HomeWithProfiles(temp);
        environment["GEMINI_CLI_TRUST_WORKSPACE"] = "true";
        await SucceedAsync(ThirdPartyClients.Gemini, ["mcp", "list"], environment, temp); // started once: ~/.gemini exists

        await SucceedAsync(ShimBinary.Path, ["config", "gemini", profile, "--write", "--config", sandbox.ConfigPath], environment, temp);
        var listed = await SucceedAsync(ThirdPartyClients.Gemini, ["mcp", "list"], environment, temp);

        Assert.Matches(
            $"(?m) {Regex.Escape(profile)}: {Regex.Escape(ShimBinary.ResolvedPath)} {Regex.Escape(profile)} --config {Regex.Escape(sandbox.ConfigPath)} \\(stdio\\) - Connected",
            listed.Stdout + listed.Stderr);
    }

    [ClientCliFact("codex", needsEngine: true, Timeout = 240_000)]
    public async Task Doctor_flags_the_gone_path_codex_wrote_and_a_bare_mcpshim_in_gooses_file_and_config_write_fixes_codexs()
    {
        using var temp = new TempDirectory();
        var environment = HomeWithProfiles(temp);
        await SucceedAsync(ThirdPartyClients.Codex, ["mcp", "add", "everything", "--", "/opt/old/mcpshim", "everything"], environment, temp);
        var goose = Path.Combine(environment["HOME"]!, ".config", "goose", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(goose)!);
        File.WriteAllText(goose, "extensions:\n  alpha:\n    type: stdio\n    cmd: mcpshim\n    args: [alpha]\n    enabled: true\n");

        var before = await ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], environment, timeout: TimeSpan.FromSeconds(90), workingDirectory: temp.File("project"));
        await SucceedAsync(ShimBinary.Path, ["config", "codex", "everything", "--write"], environment, temp);
        var after = await ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], environment, timeout: TimeSpan.FromSeconds(90), workingDirectory: temp.File("project"));

        var codexFile = Path.Combine(environment["HOME"]!, ".codex", "config.toml");
        Assert.Matches(
            $"(?m)^FAIL +client codex +{Regex.Escape(codexFile)}: \"everything\" runs /opt/old/mcpshim, which does not exist \\(moved or upgraded\\?\\)\\. " +
            $"Fix: mcpshim config codex everything --write --file '{Regex.Escape(codexFile)}'",
            before.Stdout);
        Assert.Matches($"(?m)^FAIL +client goose +{Regex.Escape(goose)}: \"alpha\" runs 'mcpshim', which is neither on your PATH nor on the PATH GUI apps get", before.Stdout);
        Assert.DoesNotContain("client codex", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("client goose", after.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A profile named like a subcommand is written as <c>run NAME</c>.</summary>
    private static string[] ArgsOf(string profile) => profile == "status" ? ["run", "status"] : [profile];

    /// <summary>
    /// A fresh HOME whose default profiles file (the one a client finds without --config) adds "alpha" and "status"
    /// to the built-ins; PATH is the system's plus node's, for the clients' node launchers.
    /// </summary>
    private static Dictionary<string, string?> HomeWithProfiles(TempDirectory temp)
    {
        var home = temp.File("home");
        var profiles = Path.Combine(home, ".config", "mcpshim", "profiles.json");
        Directory.CreateDirectory(Path.GetDirectoryName(profiles)!);
        File.WriteAllText(profiles, """{ "profiles": { "alpha": { "image": "example/alpha:1" }, "status": { "image": "example/status:1" } } }""");
        File.SetUnixFileMode(profiles, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(temp.File("project"));
        return new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["PATH"] = $"{ThirdPartyClients.NodeFolder}:/usr/local/bin:/usr/bin:/bin",
            ["NO_COLOR"] = "1",
            ["XDG_CONFIG_HOME"] = null,
            ["MCPSHIM_CONFIG"] = null,
            ["CODEX_HOME"] = null,
            ["GEMINI_CLI_HOME"] = null,
        };
    }

    /// <summary>Every profile 'mcpshim list' shows (the first column of its table).</summary>
    private static async Task<List<string>> ProfilesAsync(Dictionary<string, string?> environment, TempDirectory temp)
    {
        var list = await SucceedAsync(ShimBinary.Path, ["list"], environment, temp);
        var profiles = list.Stdout.Split('\n').Skip(1).TakeWhile(l => l.Trim().Length > 0).Select(l => l.Split(' ')[0]).ToList();
        Assert.Contains("everything", profiles);
        Assert.Contains("alpha", profiles);
        Assert.Contains("status", profiles);
        return profiles;
    }

    private static async Task<CommandResult> SucceedAsync(string program, string[] arguments, Dictionary<string, string?> environment, TempDirectory temp)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, environment, timeout: TimeSpan.FromSeconds(90), workingDirectory: temp.File("project"));
        Assert.True(result.Succeeded, $"{Path.GetFileName(program)} {string.Join(' ', arguments)}: {result}");
        return result;
    }
}
