using System.Runtime.InteropServices;

namespace McpShim.Sandbox.Linux;

/// <summary>
/// Syscall numbers the seccomp filter names, for the two architectures mcpshim ships for. aarch64 uses the generic
/// table, which has no chown, lchown, iopl or ioperm (0 here: not in the filter).
/// </summary>
internal sealed record SyscallTable(
    string Name,
    uint AuditArch,
    bool HasX32,
    int Socket,
    int CloneCall,
    int Clone3,
    int Ioctl,
    int Truncate,
    IReadOnlyDictionary<string, int> Denied)
{
    private const uint AuditArchX8664 = 0xC000003E;
    private const uint AuditArchAarch64 = 0xC00000B7;

    /// <summary>Numbers shared by both tables (syscalls added since 5.1 have one number everywhere).</summary>
    private static readonly Dictionary<string, int> Unified = new(StringComparer.Ordinal)
    {
        ["open_tree"] = 428, ["move_mount"] = 429, ["fsopen"] = 430, ["fsconfig"] = 431, ["fsmount"] = 432, ["fspick"] = 433,
        ["io_uring_setup"] = 425, ["io_uring_enter"] = 426, ["io_uring_register"] = 427,
        ["mount_setattr"] = 442, ["setxattrat"] = 463, ["removexattrat"] = 466, ["open_tree_attr"] = 467,
    };

    public static SyscallTable? For(Architecture architecture) => architecture switch
    {
        Architecture.X64 => X8664,
        Architecture.Arm64 => Aarch64,
        _ => null,
    };

    public static SyscallTable X8664 { get; } = new("x86_64", AuditArchX8664, HasX32: true, Socket: 41, CloneCall: 56, Clone3: 435, Ioctl: 16, Truncate: 76, With(new()
    {
        ["ptrace"] = 101, ["process_vm_readv"] = 310, ["process_vm_writev"] = 311,
        ["mount"] = 165, ["umount2"] = 166, ["pivot_root"] = 155, ["chroot"] = 161,
        ["bpf"] = 321, ["keyctl"] = 250, ["add_key"] = 248, ["request_key"] = 249,
        ["kexec_load"] = 246, ["kexec_file_load"] = 320, ["init_module"] = 175, ["finit_module"] = 313, ["delete_module"] = 176,
        ["reboot"] = 169, ["swapon"] = 167, ["swapoff"] = 168, ["acct"] = 163, ["quotactl"] = 179,
        ["open_by_handle_at"] = 304, ["name_to_handle_at"] = 303, ["perf_event_open"] = 298, ["userfaultfd"] = 323,
        ["setns"] = 308, ["unshare"] = 272, ["kcmp"] = 312, ["lookup_dcookie"] = 212,
        ["chown"] = 92, ["lchown"] = 94, ["fchownat"] = 260,
        ["setxattr"] = 188, ["lsetxattr"] = 189, ["removexattr"] = 197, ["lremovexattr"] = 198,
        ["iopl"] = 172, ["ioperm"] = 173,
    }));

    public static SyscallTable Aarch64 { get; } = new("aarch64", AuditArchAarch64, HasX32: false, Socket: 198, CloneCall: 220, Clone3: 435, Ioctl: 29, Truncate: 45, With(new()
    {
        ["ptrace"] = 117, ["process_vm_readv"] = 270, ["process_vm_writev"] = 271,
        ["mount"] = 40, ["umount2"] = 39, ["pivot_root"] = 41, ["chroot"] = 51,
        ["bpf"] = 280, ["keyctl"] = 219, ["add_key"] = 217, ["request_key"] = 218,
        ["kexec_load"] = 104, ["kexec_file_load"] = 294, ["init_module"] = 105, ["finit_module"] = 273, ["delete_module"] = 106,
        ["reboot"] = 142, ["swapon"] = 224, ["swapoff"] = 225, ["acct"] = 89, ["quotactl"] = 60,
        ["open_by_handle_at"] = 265, ["name_to_handle_at"] = 264, ["perf_event_open"] = 241, ["userfaultfd"] = 282,
        ["setns"] = 268, ["unshare"] = 97, ["kcmp"] = 272, ["lookup_dcookie"] = 18,
        ["fchownat"] = 54,
        ["setxattr"] = 5, ["lsetxattr"] = 6, ["removexattr"] = 14, ["lremovexattr"] = 15,
    }));

    private static Dictionary<string, int> With(Dictionary<string, int> own)
    {
        foreach (var (name, number) in Unified)
            own[name] = number;
        return own;
    }
}
