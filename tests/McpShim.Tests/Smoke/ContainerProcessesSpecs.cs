using McpShim.Smoke;

namespace McpShim.Tests.Smoke;

public sealed class ContainerProcessesSpecs
{
    // What the probe printed in a run-mode container started with --init (docker 20.10, Debian trixie).
    private const string Output = """
        probe 17
        == /proc/1/status
        Name:	docker-init
        Pid:	1
        PPid:	0
        Uid:	65532	65532	65532	65532
        CapEff:	0000000000000000
        == /proc/17/status
        Name:	sh
        Pid:	17
        PPid:	0
        Uid:	65532	65532	65532	65532
        CapEff:	0000000000000000
        == /proc/6/status
        Name:	node
        Pid:	6
        PPid:	1
        Uid:	65532	65532	65532	65532
        CapEff:	0000000000000000
        == /proc/30/status
        """;

    [Fact]
    public void I_see_the_server_but_neither_init_nor_the_probe_nor_a_process_that_ended_meanwhile()
    {
        var processes = ContainerProcesses.Parse(Output, hasInit: true);

        var node = Assert.Single(processes);
        Assert.Equal((6, 1, "node"), (node.Pid, node.ParentPid, node.Name));
        Assert.False(node.IsRoot);
        Assert.False(node.HasCapabilities);
        Assert.Equal("pid 6 (node)", node.Describe());
    }

    [Fact]
    public void Without_init_pid_1_is_the_server_and_is_checked()
    {
        var processes = ContainerProcesses.Parse(Output, hasInit: false);

        Assert.Equal(["docker-init", "node"], processes.Select(p => p.Name));
    }

    [Fact]
    public void Root_in_any_uid_field_and_any_effective_capability_are_caught()
    {
        var output = Output
            .Replace("Uid:\t65532\t65532\t65532\t65532\nCapEff:\t0000000000000000\n== /proc/30", "Uid:\t65532\t0\t65532\t65532\nCapEff:\t00000000a80425fb\n== /proc/30", StringComparison.Ordinal);

        var node = Assert.Single(ContainerProcesses.Parse(output, hasInit: true));

        Assert.True(node.IsRoot);
        Assert.True(node.HasCapabilities);
    }
}
