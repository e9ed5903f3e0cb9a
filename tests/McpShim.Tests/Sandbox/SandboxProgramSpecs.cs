using McpShim.Sandbox;
using McpShim.Sandbox.Linux;

namespace McpShim.Tests.Sandbox;

/// <summary>mcpshim compiles the rules for the kernel it runs on; the launchers only execute what it decided.</summary>
public sealed class SandboxProgramSpecs
{
    private static SandboxRules Rules(SandboxNetwork network = SandboxNetwork.None, long? memory = null, int[]? ports = null) => new()
    {
        Executable = "/usr/bin/python3",
        Network = network,
        ConnectPorts = ports ?? [],
        MemoryBytes = memory,
        Paths =
        [
            new SandboxPath { Path = "/usr", Access = SandboxAccess.ReadExecute },
            new SandboxPath { Path = "/home/me/project", Access = SandboxAccess.ReadWrite, Exact = true },
        ],
    };

    [Fact]
    public void The_newest_kernel_gets_every_right_handled_tcp_denied_and_signals_and_abstract_sockets_scoped()
    {
        var program = SandboxProgram.Compile(Rules(), abi: 7, SyscallTable.X8664);

        Assert.Equal(24, program.RulesetSize);
        Assert.Equal(LandlockRights.HandledFs(7), program.HandledFs);
        Assert.Equal(LandlockRights.BindTcp | LandlockRights.ConnectTcp, program.HandledNet);
        Assert.Equal(LandlockRights.ScopeAbstractUnixSocket | LandlockRights.ScopeSignal, program.Scoped);
        Assert.Empty(program.ConnectPorts);
        Assert.Equal(
            [new LandlockPathRule(LandlockRights.For(SandboxAccess.ReadExecute), false, "/usr"), new LandlockPathRule(LandlockRights.For(SandboxAccess.ReadWrite), true, "/home/me/project")],
            program.Paths);
        Assert.Equal(SeccompFilter.Build(SyscallTable.X8664, SandboxNetwork.None, truncateByPath: false), program.Filter);
        Assert.Equal("/usr/bin/python3", program.Executable);
    }

    [Fact]
    public void An_older_kernel_gets_only_the_rights_it_knows_and_seccomp_covers_truncate_for_it()
    {
        var program = SandboxProgram.Compile(Rules(), abi: 1, SyscallTable.Aarch64);

        Assert.Equal(8, program.RulesetSize);
        Assert.Equal((0UL, 0UL), (program.HandledNet, program.Scoped));
        Assert.Equal(0UL, program.HandledFs & (LandlockRights.Refer | LandlockRights.Truncate | LandlockRights.IoctlDev));
        Assert.Equal(0UL, program.Paths[1].Access & ~program.HandledFs);
        Assert.NotEqual(0UL, program.Paths[1].Access & LandlockRights.WriteFile);
        Assert.Equal(SeccompFilter.Build(SyscallTable.Aarch64, SandboxNetwork.None, truncateByPath: true), program.Filter);
    }

    [Fact]
    public void Connect_ports_become_port_rules_and_an_open_network_handles_no_tcp_at_all()
    {
        var ports = SandboxProgram.Compile(Rules(SandboxNetwork.Ports, ports: [443, 8443]), abi: 4, SyscallTable.X8664);
        var open = SandboxProgram.Compile(Rules(SandboxNetwork.Open, ports: [443]), abi: 7, SyscallTable.X8664);

        Assert.Equal(16, ports.RulesetSize);
        Assert.Equal(LandlockRights.BindTcp | LandlockRights.ConnectTcp, ports.HandledNet);
        Assert.Equal([443UL, 8443UL], ports.ConnectPorts);
        Assert.Equal(0UL, open.HandledNet);
        Assert.Empty(open.ConnectPorts);
    }

    [Fact]
    public void What_the_kernel_cannot_enforce_is_refused_at_compile_time_naming_what_is_missing()
    {
        var ports = Assert.Throws<SandboxException>(() => SandboxProgram.Compile(Rules(SandboxNetwork.Ports, ports: [443]), abi: 3, SyscallTable.X8664));
        var none = Assert.Throws<SandboxException>(() => SandboxProgram.Compile(Rules(), abi: 0, SyscallTable.X8664));

        Assert.Contains("\"connectPorts\" needs Landlock ABI 4", ports.Message, StringComparison.Ordinal);
        Assert.Contains("Landlock is not available", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Core_files_are_always_off_and_the_memory_limit_becomes_RLIMIT_DATA()
    {
        Assert.Equal([new ResourceLimit(ResourceLimits.RlimitCore, 0)], SandboxProgram.Compile(Rules(), 7, SyscallTable.X8664).Limits);
        Assert.Equal(
            [new ResourceLimit(ResourceLimits.RlimitCore, 0), new ResourceLimit(ResourceLimits.RlimitData, 256UL << 20)],
            SandboxProgram.Compile(Rules(memory: 256L << 20), 7, SyscallTable.X8664).Limits);
    }
}
