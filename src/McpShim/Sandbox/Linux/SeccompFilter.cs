using System.Runtime.InteropServices;

namespace McpShim.Sandbox.Linux;

/// <summary>
/// The seccomp-BPF program the launcher installs (README "Sandboxed host mode"). It checks the architecture first (a
/// 32-bit syscall on a 64-bit kernel has other numbers: the process is killed), then refuses with EPERM what a server
/// never needs and what would reach past Landlock: ptrace and process_vm_*, mount and friends, bpf, keyrings, kexec and
/// modules, namespaces (unshare, setns, clone with CLONE_NEW*; clone3 answers ENOSYS so libc falls back to clone),
/// io_uring (which opens sockets without socket(2)), chown and xattr changes, TIOCSTI. Sockets: none at all with
/// <c>network: none</c>; otherwise only AF_INET, AF_INET6 and AF_NETLINK. AF_UNIX is always refused, because
/// Landlock does not guard connecting to a socket file (docker.sock, ssh-agent, D-Bus); socketpair(2) still works.
/// </summary>
internal static class SeccompFilter
{
    private const ushort LdAbsW = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private const ushort JeqK = 0x15;     // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort JgeK = 0x35;     // BPF_JMP | BPF_JGE | BPF_K
    private const ushort JsetK = 0x45;    // BPF_JMP | BPF_JSET | BPF_K
    private const ushort RetK = 0x06;     // BPF_RET | BPF_K

    private const uint RetKillProcess = 0x80000000;
    private const uint RetErrno = 0x00050000;
    private const uint RetAllow = 0x7FFF0000;

    private const uint OffsetNr = 0;
    private const uint OffsetArch = 4;

    private const uint AfInet = 2;
    private const uint AfInet6 = 10;
    private const uint AfNetlink = 16;
    private const uint CloneNewFlags = 0x7E020080; // NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWTIME
    private const uint Tiocsti = 0x5412;
    private const uint Tioclinux = 0x541C;

    /// <summary>One BPF instruction (struct sock_filter).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly record struct Instruction(ushort Code, byte JumpTrue, byte JumpFalse, uint K);

    /// <summary>The program for <paramref name="table"/>'s architecture.</summary>
    /// <param name="truncateByPath">Refuse truncate(2): Landlock below ABI 3 cannot restrict it.</param>
    public static List<Instruction> Build(SyscallTable table, SandboxNetwork network, bool truncateByPath)
    {
        var program = new List<Instruction>
        {
            new(LdAbsW, 0, 0, OffsetArch),
            new(JeqK, 1, 0, table.AuditArch),
            new(RetK, 0, 0, RetKillProcess),
            new(LdAbsW, 0, 0, OffsetNr),
        };
        if (table.HasX32)
        {
            // x32 syscalls (bit 30 set) share the architecture but not the numbers.
            program.Add(new(JgeK, 0, 1, 0x40000000));
            program.Add(new(RetK, 0, 0, RetErrno | LinuxKernel.EPERM));
        }

        foreach (var number in table.Denied.Values.Where(n => n > 0).Order())
            Refuse(program, number, LinuxKernel.EPERM);
        if (truncateByPath)
            Refuse(program, table.Truncate, LinuxKernel.EPERM);
        Refuse(program, table.Clone3, LinuxKernel.ENOSYS);

        // clone: refused when arg0 asks for a new namespace.
        program.Add(new(JeqK, 0, 4, (uint)table.CloneCall));
        program.Add(new(LdAbsW, 0, 0, ArgLow(0)));
        program.Add(new(JsetK, 0, 1, CloneNewFlags));
        program.Add(new(RetK, 0, 0, RetErrno | LinuxKernel.EPERM));
        program.Add(new(RetK, 0, 0, RetAllow));

        // ioctl: no typing into the terminal (TIOCSTI) or console tricks (TIOCLINUX) on an inherited tty.
        program.Add(new(JeqK, 0, 5, (uint)table.Ioctl));
        program.Add(new(LdAbsW, 0, 0, ArgLow(1)));
        program.Add(new(JeqK, 2, 0, Tiocsti));
        program.Add(new(JeqK, 1, 0, Tioclinux));
        program.Add(new(RetK, 0, 0, RetAllow));
        program.Add(new(RetK, 0, 0, RetErrno | LinuxKernel.EPERM));

        // socket: by family (arg0).
        if (network == SandboxNetwork.None)
        {
            Refuse(program, table.Socket, LinuxKernel.EACCES);
        }
        else
        {
            program.Add(new(JeqK, 0, 6, (uint)table.Socket));
            program.Add(new(LdAbsW, 0, 0, ArgLow(0)));
            program.Add(new(JeqK, 3, 0, AfInet));
            program.Add(new(JeqK, 2, 0, AfInet6));
            program.Add(new(JeqK, 1, 0, AfNetlink));
            program.Add(new(RetK, 0, 0, RetErrno | LinuxKernel.EACCES));
            program.Add(new(RetK, 0, 0, RetAllow));
        }

        program.Add(new(RetK, 0, 0, RetAllow));
        return program;
    }

    /// <summary>What the filter refuses, in words, for <c>mcpshim show</c>.</summary>
    public static IReadOnlyList<string> Describe(SyscallTable table, SandboxNetwork network, bool truncateByPath)
    {
        var words = table.Denied.Keys.Order(StringComparer.Ordinal).ToList();
        if (truncateByPath)
            words.Add("truncate");
        words.Add("clone with CLONE_NEW* (clone3: ENOSYS)");
        words.Add("ioctl TIOCSTI/TIOCLINUX");
        words.Add(network == SandboxNetwork.None ? "socket (every family)" : "socket but AF_INET, AF_INET6, AF_NETLINK");
        return words;
    }

    /// <summary>Installs <paramref name="program"/> on this thread; no_new_privs must already be set.</summary>
    public static unsafe void Install(IReadOnlyList<Instruction> program)
    {
        var instructions = program.ToArray();
        fixed (Instruction* filter = instructions)
        {
            // struct sock_fprog: unsigned short len, then (8-aligned) the pointer.
            var fprog = stackalloc nint[2];
            fprog[0] = instructions.Length;
            fprog[1] = (nint)filter;
            if (LinuxKernel.prctl(LinuxKernel.PrSetSeccomp, LinuxKernel.SeccompModeFilter, (nint)fprog, 0, 0) != 0)
                throw new SandboxException($"prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER) failed ({LinuxKernel.ErrorName(Marshal.GetLastPInvokeError())})");
        }
    }

    /// <summary>The low 32 bits of argument <paramref name="index"/> in struct seccomp_data (little-endian).</summary>
    private static uint ArgLow(int index) => (uint)(16 + 8 * index);

    private static void Refuse(List<Instruction> program, int number, int errno)
    {
        program.Add(new(JeqK, 0, 1, (uint)number));
        program.Add(new(RetK, 0, 0, RetErrno | (uint)errno));
    }
}
