namespace McpShim.Sandbox.Linux;

/// <summary>
/// Landlock's access rights (linux/landlock.h) and which ABI brought each. A right the kernel does not know cannot be
/// handled, so it stays unrestricted: <see cref="Landlock"/> names every such gap instead of hiding it.
/// </summary>
internal static class LandlockRights
{
    public const ulong Execute = 1UL << 0;
    public const ulong WriteFile = 1UL << 1;
    public const ulong ReadFile = 1UL << 2;
    public const ulong ReadDir = 1UL << 3;
    public const ulong RemoveDir = 1UL << 4;
    public const ulong RemoveFile = 1UL << 5;
    public const ulong MakeChar = 1UL << 6;
    public const ulong MakeDir = 1UL << 7;
    public const ulong MakeReg = 1UL << 8;
    public const ulong MakeSock = 1UL << 9;
    public const ulong MakeFifo = 1UL << 10;
    public const ulong MakeBlock = 1UL << 11;
    public const ulong MakeSym = 1UL << 12;
    public const ulong Refer = 1UL << 13;      // ABI 2
    public const ulong Truncate = 1UL << 14;   // ABI 3
    public const ulong IoctlDev = 1UL << 15;   // ABI 5

    public const ulong BindTcp = 1UL << 0;     // ABI 4
    public const ulong ConnectTcp = 1UL << 1;  // ABI 4

    public const ulong ScopeAbstractUnixSocket = 1UL << 0; // ABI 6
    public const ulong ScopeSignal = 1UL << 1;             // ABI 6

    /// <summary>The only rights a rule on a file (not a folder) may carry.</summary>
    public const ulong FileOnly = Execute | WriteFile | ReadFile | Truncate | IoctlDev;

    /// <summary>Every file-system right the kernel of <paramref name="abi"/> can restrict.</summary>
    public static ulong HandledFs(int abi)
    {
        var rights = (1UL << 13) - 1;
        if (abi >= 2)
            rights |= Refer;
        if (abi >= 3)
            rights |= Truncate;
        if (abi >= 5)
            rights |= IoctlDev;
        return rights;
    }

    /// <summary>What each access level grants, before masking by what the kernel handles.</summary>
    public static ulong For(SandboxAccess access) => access switch
    {
        SandboxAccess.ListOnly => ReadDir,
        SandboxAccess.Read => ReadFile | ReadDir,
        SandboxAccess.ReadExecute => ReadFile | ReadDir | Execute,
        SandboxAccess.Device => ReadFile | WriteFile,
        // Never MAKE_CHAR or MAKE_BLOCK: a root server could make a node for the raw disk inside its own folder.
        SandboxAccess.ReadWrite => ReadFile | ReadDir | WriteFile | Truncate | MakeReg | MakeDir | MakeSym | MakeFifo |
                                   RemoveFile | RemoveDir | Refer,
        _ => 0,
    };
}
