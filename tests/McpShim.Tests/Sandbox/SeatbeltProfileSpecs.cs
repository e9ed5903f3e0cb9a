using McpShim.Sandbox;
using McpShim.Sandbox.Mac;
using McpShim.Tests.Support;

namespace McpShim.Tests.Sandbox;

/// <summary>macOS's Seatbelt profile, generated from the same plan and checked as text on any OS.</summary>
public sealed class SeatbeltProfileSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_profile_denies_by_default_and_allows_each_planned_path_with_its_access()
    {
        Directory.CreateDirectory(_temp.File("work"));
        File.WriteAllText(_temp.File("tool"), "x");

        var text = SeatbeltProfile.Generate(Plan(SandboxNetwork.None, [],
            Rule("/usr", SandboxAccess.ReadExecute),
            Rule(_temp.File("tool"), SandboxAccess.Read),
            Rule(_temp.File("work"), SandboxAccess.ReadWrite),
            Rule("/dev/null", SandboxAccess.Device)));

        Assert.StartsWith("(version 1)\n(deny default)\n", text, StringComparison.Ordinal);
        Assert.Contains("(allow file-read* process-exec file-map-executable (subpath \"/usr\"))\n", text, StringComparison.Ordinal);
        Assert.Contains($"(allow file-read* (literal \"{_temp.File("tool")}\"))\n", text, StringComparison.Ordinal);
        Assert.Contains($"(allow file-read* file-write* (subpath \"{_temp.File("work")}\"))\n", text, StringComparison.Ordinal);
        Assert.Contains("(allow file-read* file-write-data file-ioctl (literal \"/dev/null\"))\n", text, StringComparison.Ordinal);
        Assert.Contains("(allow signal (target same-sandbox))\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_network_nothing_network_is_allowed_not_even_Unix_sockets()
    {
        var text = SeatbeltProfile.Generate(Plan(SandboxNetwork.None, []));

        Assert.DoesNotContain("network", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_network_and_connect_ports_become_network_rules()
    {
        var open = SeatbeltProfile.Generate(Plan(SandboxNetwork.Open, []));
        var ports = SeatbeltProfile.Generate(Plan(SandboxNetwork.Ports, [], ports: [443, 8443]));

        Assert.Contains("(allow network*)\n", open, StringComparison.Ordinal);
        Assert.Contains("(allow network-outbound (remote tcp \"*:443\"))\n(allow network-outbound (remote tcp \"*:8443\"))\n", ports, StringComparison.Ordinal);
        Assert.DoesNotContain("(allow network*)", ports, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignored_entries_are_denied_after_the_allows_so_they_win()
    {
        Directory.CreateDirectory(_temp.File("proj/secrets"));
        File.WriteAllText(_temp.File("proj/.env"), "x");

        var text = SeatbeltProfile.Generate(Plan(SandboxNetwork.None, [_temp.File("proj/.env"), _temp.File("proj/secrets")],
            Rule(_temp.File("proj"), SandboxAccess.ListOnly)));

        var allow = text.IndexOf($"(allow file-read-data (literal \"{_temp.File("proj")}\"))", StringComparison.Ordinal);
        var denyFile = text.IndexOf($"(deny file-read* file-write* (literal \"{_temp.File("proj/.env")}\"))", StringComparison.Ordinal);
        var denyFolder = text.IndexOf($"(deny file-read* file-write* (subpath \"{_temp.File("proj/secrets")}\"))", StringComparison.Ordinal);
        Assert.True(allow >= 0 && denyFile > allow && denyFolder > allow, text);
    }

    [Fact]
    public void Quotes_and_backslashes_in_paths_cannot_break_out_of_the_string()
    {
        var text = SeatbeltProfile.Generate(Plan(SandboxNetwork.None, [], Rule("/tmp/a\"b\\c) (allow default", SandboxAccess.Read)));

        Assert.Contains("(subpath \"/tmp/a\\\"b\\\\c) (allow default\")", text, StringComparison.Ordinal);
    }

    private static SandboxPath Rule(string path, SandboxAccess access) => new() { Path = path, Access = access };

    private static SandboxPlan Plan(SandboxNetwork network, IReadOnlyList<string> hidden, params SandboxPath[] paths) =>
        Plan(network, hidden, [], paths);

    private static SandboxPlan Plan(SandboxNetwork network, IReadOnlyList<string> hidden, int[] ports, params SandboxPath[] paths) =>
        new(new SandboxRules { Executable = "/usr/bin/true", Paths = [.. paths], Network = network, ConnectPorts = ports }, "/tmp/scratch", hidden, []);
}
