using McpShim.Profiles;
using McpShim.Sandbox;
using McpShim.Tests.Support;

namespace McpShim.Tests.Sandbox;

/// <summary>The rules a sandboxed local profile gets, worked out from its words and the files on disk.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SandboxPlannerSpecs : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _root;

    public SandboxPlannerSpecs()
    {
        _root = McpShim.Platform.RealPath.Of(_temp.Path)!;
    }

    public void Dispose() => _temp.Dispose();

    [UnixFact]
    public void A_script_on_PATH_brings_its_interpreter_their_install_roots_its_node_modules_and_the_files_its_arguments_name()
    {
        Executable("runtime/bin/interp", "\u007fELF binary");
        Executable("app/node_modules/pkg/dist/cli.js", "#!/usr/bin/env interp\nconsole.log(1)\n");
        Directory.CreateDirectory(At("app/node_modules/.bin"));
        File.CreateSymbolicLink(At("app/node_modules/.bin/tool"), "../pkg/dist/cli.js");
        Write("data/input.txt", "x");
        var path = $"{At("app/node_modules/.bin")}:{At("runtime/bin")}";

        var plan = Plan(Profile(["tool", At("data/input.txt"), "--verbose"]), env: new() { ["PATH"] = path });

        Assert.Equal(At("app/node_modules/.bin/tool"), plan.Rules.Executable);
        // The script, its folder and the interpreter lie inside folders granted as much: those rules are dropped.
        Assert.Equal(
            [
                ("readExecute", At("app/node_modules"), "command (its node_modules)"),
                ("readExecute", At("runtime"), "command (its install root)"),
                ("read", At("data/input.txt"), "command (a file its arguments name)"),
            ],
            Rules(plan, "command").Select(r => (Camel(r.Access), r.Path, r.Reason)));
        Assert.DoesNotContain(plan.Rules.Paths, r => r.Path == At("app/node_modules/pkg/dist"));
    }

    [UnixFact]
    public void A_program_right_under_a_top_level_folder_is_granted_alone_not_its_folder()
    {
        var program = Path.Combine(Path.GetTempPath(), $"mcpshim-planner-{Guid.NewGuid():N}");
        File.WriteAllText(program, "\u007fELF");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        try
        {
            var plan = Plan(Profile([program]));

            var real = McpShim.Platform.RealPath.Of(program)!;
            Assert.Equal([(real, SandboxAccess.ReadExecute)], Rules(plan, "command").Select(r => (r.Path, r.Access)));
        }
        finally
        {
            File.Delete(program);
        }
    }

    [UnixFact]
    public void Volumes_are_read_only_or_read_write_as_the_profile_says_and_opened_without_following_links()
    {
        Executable("tools/bin/server", "\u007fELF");
        Directory.CreateDirectory(At("docs"));
        Directory.CreateDirectory(At("work"));

        var plan = Plan(Profile([At("tools/bin/server")]) with
        {
            Volumes = [new ResolvedVolume(At("docs"), At("docs"), ReadOnly: true), new ResolvedVolume(At("work"), At("work"), ReadOnly: false)],
        });

        var volumes = Rules(plan, "volume").ToList();
        Assert.Equal([(At("docs"), SandboxAccess.Read), (At("work"), SandboxAccess.ReadWrite)], volumes.Select(r => (r.Path, r.Access)));
        Assert.All(volumes, r => Assert.True(r.Exact));
        Assert.Empty(plan.Hidden);
    }

    [UnixFact]
    public void Entries_a_mcpignore_matches_get_no_rule_and_the_folders_holding_them_may_only_be_listed()
    {
        Executable("tools/bin/server", "\u007fELF");
        Write("proj/.mcpignore", ".env\nsecrets/\n");
        Write("proj/.env", "TOKEN=x");
        Write("proj/readme.md", "hi");
        Write("proj/secrets/key", "k");
        Write("proj/src/app.js", "1");
        Write("proj/src/.env", "x");
        Write("proj/docs/guide.md", "g");
        File.CreateSymbolicLink(At("proj/link"), At("proj/.env"));

        var plan = Plan(Profile([At("tools/bin/server")]) with { Volumes = [new ResolvedVolume(At("proj"), At("proj"), ReadOnly: false)] });

        // proj/src may be listed too: the right to list comes down from proj (so do the names in secrets/, not its contents).
        Assert.Equal(
            [
                (At("proj"), SandboxAccess.ListOnly),
                (At("proj/.mcpignore"), SandboxAccess.ReadWrite),
                (At("proj/docs"), SandboxAccess.ReadWrite),
                (At("proj/readme.md"), SandboxAccess.ReadWrite),
                (At("proj/src/app.js"), SandboxAccess.ReadWrite),
            ],
            Rules(plan, "volume").Select(r => (r.Path, r.Access)).OrderBy(r => r.Path, StringComparer.Ordinal));
        Assert.Equal([At("proj/.env"), At("proj/secrets"), At("proj/src/.env")], plan.Hidden.Order(StringComparer.Ordinal));
    }

    [UnixFact]
    public void A_runtime_folder_that_would_make_an_ignored_entry_readable_is_refused()
    {
        Executable("proj/bin/server", "\u007fELF");
        Write("proj/.mcpignore", ".env\n");
        Write("proj/.env", "TOKEN=x");

        var error = Assert.Throws<SandboxException>(() => Plan(Profile([At("proj/bin/server")]) with
        {
            Volumes = [new ResolvedVolume(At("proj"), At("proj"), ReadOnly: true)],
        }));

        Assert.Contains($"'{At("proj/.env")}' is hidden by .mcpignore", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{At("proj")}' (command (its install root))", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public void Name_resolution_files_come_only_with_a_network_and_connectPorts_narrow_it()
    {
        Executable("bin/server", "\u007fELF");
        var profile = Profile([At("bin/server")]);

        var none = Plan(profile, system: true);
        var open = Plan(profile with { Network = "host" }, system: true);
        var ports = Plan(profile with { Network = "host", Sandbox = new SandboxSettings(true, [], [443]) }, system: true);

        Assert.Equal(SandboxNetwork.None, none.Rules.Network);
        Assert.DoesNotContain(none.Rules.Paths, r => r.Path == "/etc/resolv.conf");
        Assert.Equal(SandboxNetwork.Open, open.Rules.Network);
        Assert.Contains(open.Rules.Paths, r => r.Path == "/etc/resolv.conf" && r.Access == SandboxAccess.Read);
        Assert.Equal(SandboxNetwork.Ports, ports.Rules.Network);
        Assert.Equal([443], ports.Rules.ConnectPorts);
    }

    [UnixFact]
    public void The_scratch_folder_is_the_only_writable_place_besides_volumes_and_becomes_HOME_and_TMPDIR()
    {
        Executable("bin/server", "\u007fELF");
        var profile = Profile([At("bin/server")]);

        var plan = Plan(profile, system: true);
        var ownHome = Plan(profile with { Env = [new("HOME", "/somewhere")] });

        Assert.Equal([(At("scratch"), true)], plan.Rules.Paths.Where(r => r.Access == SandboxAccess.ReadWrite).Select(r => (r.Path, r.Exact)));
        Assert.Equal([new("HOME", At("scratch")), new("TMPDIR", At("scratch"))], plan.Environment);
        Assert.Equal([new("TMPDIR", At("scratch"))], ownHome.Environment);
        Assert.Equal(512L << 20, plan.Rules.MemoryBytes);
    }

    [UnixFact]
    public void A_rule_inside_a_folder_already_granted_as_much_is_dropped()
    {
        Executable("runtime/bin/interp", "\u007fELF");

        var plan = SandboxPlanner.Plan(
            Profile([At("runtime/bin/interp")]),
            At("scratch"),
            _ => [new SandboxPath { Path = At("runtime"), Access = SandboxAccess.ReadExecute, Reason = "system" }],
            _ => null);

        Assert.Equal([At("runtime")], plan.Rules.Paths.Where(r => r.Path.StartsWith(At("runtime"), StringComparison.Ordinal)).Select(r => r.Path));
    }

    [UnixFact]
    public void A_command_that_is_nowhere_is_refused_with_its_name()
    {
        var error = Assert.Throws<SandboxException>(() => Plan(Profile(["no-such-program-here"]), env: new() { ["PATH"] = At("bin") }));

        Assert.Contains("'no-such-program-here' was not found on PATH", error.Message, StringComparison.Ordinal);
    }

    private static string Camel(SandboxAccess access) => char.ToLowerInvariant(access.ToString()[0]) + access.ToString()[1..];

    private static IEnumerable<SandboxPath> Rules(SandboxPlan plan, string reason) =>
        plan.Rules.Paths.Where(r => r.Reason.StartsWith(reason, StringComparison.Ordinal));

    private static ResolvedProfile Profile(string[] command) => new()
    {
        Name = "local",
        Source = "test",
        Mode = ProfileMode.Local,
        Command = command,
        AuditPath = "unused",
        Sandbox = SandboxSettings.On,
    };

    private SandboxPlan Plan(ResolvedProfile profile, Dictionary<string, string>? env = null, bool system = false)
    {
        Directory.CreateDirectory(At("scratch"));
        return SandboxPlanner.Plan(
            profile,
            At("scratch"),
            network => system ? SystemPaths.ForLinux(network, _ => true) : [],
            name => env is not null && env.TryGetValue(name, out var value) ? value : null);
    }

    private string At(string relative) => Path.Combine(_root, relative);

    private void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(At(relative))!);
        File.WriteAllText(At(relative), text);
    }

    private void Executable(string relative, string text)
    {
        Write(relative, text);
        File.SetUnixFileMode(At(relative), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
