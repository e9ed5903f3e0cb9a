using McpShim.Sandbox;
using McpShim.Sandbox.Linux;

namespace McpShim.Tests.Sandbox;

/// <summary>The seccomp program, run instruction by instruction for both architectures as the kernel would.</summary>
public sealed class SeccompFilterSpecs
{
    private const int EPERM = 1;
    private const int EACCES = 13;
    private const int ENOSYS = 38;
    private const ulong AfUnix = 1;
    private const ulong AfInet = 2;
    private const ulong AfInet6 = 10;
    private const ulong CloneThread = 0x003D0F00; // glibc's pthread_create flags
    private const ulong CloneNewUser = 0x10000000;

    public static TheoryData<string> Architectures => new() { "x86_64", "aarch64" };

    private static SyscallTable Table(string arch) => arch == "x86_64" ? SyscallTable.X8664 : SyscallTable.Aarch64;

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Tracing_another_process_and_reading_its_memory_are_refused_with_EPERM(string arch)
    {
        var table = Table(arch);
        var program = SeccompFilter.Build(table, SandboxNetwork.None, truncateByPath: false);

        foreach (var name in (string[])["ptrace", "process_vm_readv", "process_vm_writev", "mount", "bpf", "keyctl", "kexec_load", "unshare", "setns", "io_uring_setup", "fchownat"])
            Assert.Equal(BpfMachine.Errno(EPERM), BpfMachine.Run(program, table.AuditArch, table.Denied[name]));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Ordinary_system_calls_are_allowed(string arch)
    {
        var table = Table(arch);
        var program = SeccompFilter.Build(table, SandboxNetwork.None, truncateByPath: false);
        var (read, write, openat, mmap) = arch == "x86_64" ? (0, 1, 257, 9) : (63, 64, 56, 222);

        foreach (var nr in new[] { read, write, openat, mmap, table.Truncate })
            Assert.Equal(BpfMachine.Allow, BpfMachine.Run(program, table.AuditArch, nr));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Without_a_network_no_socket_can_be_made_not_even_a_Unix_one(string arch)
    {
        var table = Table(arch);
        var program = SeccompFilter.Build(table, SandboxNetwork.None, truncateByPath: false);

        foreach (var family in new[] { AfUnix, AfInet, AfInet6, 16UL, 17UL })
            Assert.Equal(BpfMachine.Errno(EACCES), BpfMachine.Run(program, table.AuditArch, table.Socket, family, 1));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void With_a_network_only_internet_and_netlink_sockets_are_allowed_never_Unix_ones(string arch)
    {
        var table = Table(arch);
        var program = SeccompFilter.Build(table, SandboxNetwork.Open, truncateByPath: false);

        Assert.Equal(BpfMachine.Allow, BpfMachine.Run(program, table.AuditArch, table.Socket, AfInet, 1));
        Assert.Equal(BpfMachine.Allow, BpfMachine.Run(program, table.AuditArch, table.Socket, AfInet6, 2));
        Assert.Equal(BpfMachine.Allow, BpfMachine.Run(program, table.AuditArch, table.Socket, 16, 3));
        Assert.Equal(BpfMachine.Errno(EACCES), BpfMachine.Run(program, table.AuditArch, table.Socket, AfUnix, 1));
        Assert.Equal(BpfMachine.Errno(EACCES), BpfMachine.Run(program, table.AuditArch, table.Socket, 17, 3)); // AF_PACKET
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Threads_may_be_made_but_not_new_namespaces_and_clone3_falls_back_to_clone(string arch)
    {
        var table = Table(arch);
        var program = SeccompFilter.Build(table, SandboxNetwork.None, truncateByPath: false);

        Assert.Equal(BpfMachine.Allow, BpfMachine.Run(program, table.AuditArch, table.CloneCall, CloneThread));
        Assert.Equal(BpfMachine.Allow, BpfMachine.Run(program, table.AuditArch, table.CloneCall, 0x01200011)); // fork()
        Assert.Equal(BpfMachine.Errno(EPERM), BpfMachine.Run(program, table.AuditArch, table.CloneCall, 0x01200011 | CloneNewUser));
        Assert.Equal(BpfMachine.Errno(EPERM), BpfMachine.Run(program, table.AuditArch, table.CloneCall, 0x00020000)); // CLONE_NEWNS
        Assert.Equal(BpfMachine.Errno(ENOSYS), BpfMachine.Run(program, table.AuditArch, table.Clone3));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Typing_into_the_terminal_is_refused_but_other_ioctls_are_not(string arch)
    {
        var table = Table(arch);
        var program = SeccompFilter.Build(table, SandboxNetwork.None, truncateByPath: false);

        Assert.Equal(BpfMachine.Errno(EPERM), BpfMachine.Run(program, table.AuditArch, table.Ioctl, 2, 0x5412)); // TIOCSTI
        Assert.Equal(BpfMachine.Errno(EPERM), BpfMachine.Run(program, table.AuditArch, table.Ioctl, 2, 0x541C)); // TIOCLINUX
        Assert.Equal(BpfMachine.Allow, BpfMachine.Run(program, table.AuditArch, table.Ioctl, 1, 0x5401)); // TCGETS
        Assert.Equal(BpfMachine.Allow, BpfMachine.Run(program, table.AuditArch, table.Ioctl, 1, 0x5421)); // FIONBIO
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void A_syscall_of_another_architecture_kills_the_process(string arch)
    {
        var table = Table(arch);
        var program = SeccompFilter.Build(table, SandboxNetwork.None, truncateByPath: false);

        Assert.Equal(BpfMachine.KillProcess, BpfMachine.Run(program, 0x40000003 /* AUDIT_ARCH_I386 */, 0));
        Assert.Equal(BpfMachine.KillProcess, BpfMachine.Run(program, table == SyscallTable.X8664 ? SyscallTable.Aarch64.AuditArch : SyscallTable.X8664.AuditArch, 0));
    }

    [Fact]
    public void On_x86_64_the_x32_numbers_cannot_go_around_the_table()
    {
        var table = SyscallTable.X8664;
        var program = SeccompFilter.Build(table, SandboxNetwork.None, truncateByPath: false);

        Assert.Equal(BpfMachine.Errno(EPERM), BpfMachine.Run(program, table.AuditArch, 0x40000000 | 101)); // x32 ptrace
        Assert.Equal(BpfMachine.Errno(EPERM), BpfMachine.Run(program, table.AuditArch, 0x40000000 | 0)); // x32 read
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Below_Landlock_ABI_3_truncate_by_path_is_refused_by_the_filter_instead(string arch)
    {
        var table = Table(arch);

        var old = SeccompFilter.Build(table, SandboxNetwork.None, truncateByPath: true);

        Assert.Equal(BpfMachine.Errno(EPERM), BpfMachine.Run(old, table.AuditArch, table.Truncate));
    }
}
