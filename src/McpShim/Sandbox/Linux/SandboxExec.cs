using System.Runtime.InteropServices;

namespace McpShim.Sandbox.Linux;

/// <summary>
/// The hidden <c>mcpshim __sandbox-exec -- PROGRAM ARGS...</c> role: between mcpshim's fork and the server's exec, it
/// reads the compiled rules (<see cref="SandboxProgram"/>) from stdin, sets the rlimits and no_new_privs, restricts
/// itself with Landlock and the seccomp filter, marks every descriptor but stdio close-on-exec (one the client left
/// open to a file would otherwise reach past Landlock), then executes the server in its place. Any step that fails
/// stops here, with the reason on stderr: the server never runs half-sandboxed. The native <c>mcpshim-sandbox</c>
/// (src/McpShim.SandboxLauncher) does the same steps in the same order; this role is used without it.
/// </summary>
internal static class SandboxExec
{
    public const string Role = "__sandbox-exec";
    public const int Failed = 69;

    public static int Run(string[] args)
    {
        if (args.Length < 3 || args[1] != "--")
        {
            Console.Error.WriteLine($"mcpshim: {Role} is mcpshim's own launcher for sandboxed local servers; it is not for direct use.");
            return 2;
        }

        try
        {
            var program = SandboxProgramChannel.Read(0);
            Apply(program);
            Exec(program.Executable, args[2..]);
            return Failed;
        }
        catch (SandboxException ex)
        {
            Console.Error.WriteLine($"mcpshim: sandbox: {ex.Message}; the server was not started.");
            return Failed;
        }
    }

    /// <summary>Restricts this thread as <paramref name="program"/> says; what it executes next inherits all of it.</summary>
    public static void Apply(SandboxProgram program)
    {
        var abi = Landlock.Abi();
        if (abi < program.LandlockAbi)
            throw new SandboxException($"the rules were made for Landlock ABI {program.LandlockAbi}, but this kernel offers {(abi < 1 ? "no Landlock" : $"ABI {abi}")}");

        ResourceLimits.Apply(program.Limits);
        if (LinuxKernel.prctl(LinuxKernel.PrSetNoNewPrivs, 1, 0, 0, 0) != 0)
            throw new SandboxException($"prctl(PR_SET_NO_NEW_PRIVS) failed ({LinuxKernel.ErrorName(Marshal.GetLastPInvokeError())})");
        Landlock.RestrictSelf(program);
        if (LinuxKernel.syscall(LinuxKernel.CloseRange, 3, unchecked((nint)uint.MaxValue), LinuxKernel.CloseRangeCloexec) < 0)
            throw new SandboxException($"close_range(3, ~0, CLOSE_RANGE_CLOEXEC) failed ({LinuxKernel.ErrorName(Marshal.GetLastPInvokeError())})");
        SeccompFilter.Install(program.Filter);
    }

    /// <summary>execv(2) with the environment as it is; returns only when that failed (reported on stderr).</summary>
    private static unsafe void Exec(string executable, string[] argv)
    {
        var strings = new nint[argv.Length + 1];
        var pointers = new nint[argv.Length + 1];
        try
        {
            var path = Marshal.StringToCoTaskMemUTF8(executable);
            strings[argv.Length] = path;
            for (var i = 0; i < argv.Length; i++)
                pointers[i] = strings[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            pointers[argv.Length] = 0;
            fixed (nint* list = pointers)
                LinuxKernel.execv((byte*)path, (byte**)list);
            var errno = Marshal.GetLastPInvokeError();
            Console.Error.WriteLine($"mcpshim: sandbox: cannot execute '{executable}' ({LinuxKernel.ErrorName(errno)}){Hint(errno)}");
        }
        finally
        {
            foreach (var s in strings)
                Marshal.FreeCoTaskMem(s);
        }
    }

    private static string Hint(int errno) => errno == LinuxKernel.EACCES
        ? ": the sandbox does not let it run from there. Add its folder to \"hostReadable\" in the profile (see 'mcpshim show PROFILE')"
        : string.Empty;
}
