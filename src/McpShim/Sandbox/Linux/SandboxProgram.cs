namespace McpShim.Sandbox.Linux;

/// <summary>
/// The sandbox compiled for this kernel: every number the launcher needs between fork and exec, decided in mcpshim,
/// so a launcher only executes it (the native <c>mcpshim-sandbox</c> and mcpshim's own <c>__sandbox-exec</c> role run
/// the same program). It travels on the launcher's stdin (<see cref="SandboxProgramChannel"/>), never in argv.
/// </summary>
internal sealed class SandboxProgram
{
    /// <summary>The Landlock ABI the rights were chosen for; a launcher on an older kernel refuses the program.</summary>
    public required int LandlockAbi { get; init; }

    /// <summary>The size of struct landlock_ruleset_attr this ABI knows (8, 16 or 24 bytes).</summary>
    public required int RulesetSize { get; init; }

    public required ulong HandledFs { get; init; }

    public required ulong HandledNet { get; init; }

    public required ulong Scoped { get; init; }

    /// <summary>The rights a rule may keep when its path turns out to be a file, not a folder.</summary>
    public ulong FileRights { get; init; } = LandlockRights.FileOnly;

    public required IReadOnlyList<ResourceLimit> Limits { get; init; }

    public required IReadOnlyList<LandlockPathRule> Paths { get; init; }

    /// <summary>The TCP ports the server may connect to (Landlock net-port rules with CONNECT_TCP).</summary>
    public required IReadOnlyList<ulong> ConnectPorts { get; init; }

    public required IReadOnlyList<SeccompFilter.Instruction> Filter { get; init; }

    /// <summary>The program to execute, resolved on PATH (argv[0] stays as the profile wrote it).</summary>
    public required string Executable { get; init; }

    /// <summary>
    /// Compiles <paramref name="rules"/> for a kernel with Landlock ABI <paramref name="abi"/> and the syscall numbers of
    /// <paramref name="table"/>. Throws <see cref="SandboxException"/> for a rule this kernel cannot enforce.
    /// </summary>
    public static SandboxProgram Compile(SandboxRules rules, int abi, SyscallTable table)
    {
        if (abi < 1)
            throw new SandboxException("Landlock is not available in this kernel (needs Linux 5.13+ with CONFIG_SECURITY_LANDLOCK and 'landlock' in the lsm= boot list)");
        if (rules.Network == SandboxNetwork.Ports && abi < 4)
            throw new SandboxException($"\"connectPorts\" needs Landlock ABI 4 (Linux 6.7+); this kernel has ABI {abi}");

        var handledFs = LandlockRights.HandledFs(abi);
        var handledNet = abi >= 4 && rules.Network != SandboxNetwork.Open ? LandlockRights.BindTcp | LandlockRights.ConnectTcp : 0;
        var limits = new List<ResourceLimit> { new(ResourceLimits.RlimitCore, 0) };
        if (rules.MemoryBytes is { } bytes)
            limits.Add(new(ResourceLimits.RlimitData, (ulong)bytes));

        return new SandboxProgram
        {
            LandlockAbi = abi,
            RulesetSize = abi >= 6 ? 24 : abi >= 4 ? 16 : 8,
            HandledFs = handledFs,
            HandledNet = handledNet,
            Scoped = abi >= 6 ? LandlockRights.ScopeAbstractUnixSocket | LandlockRights.ScopeSignal : 0,
            Limits = limits,
            Paths = [.. rules.Paths.Select(p => new LandlockPathRule(LandlockRights.For(p.Access) & handledFs, p.Exact, p.Path))],
            ConnectPorts = handledNet == 0 ? [] : [.. rules.ConnectPorts.Select(p => (ulong)p)],
            Filter = SeccompFilter.Build(table, rules.Network, truncateByPath: abi < 3),
            Executable = rules.Executable,
        };
    }
}
