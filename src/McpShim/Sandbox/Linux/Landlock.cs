using System.Runtime.InteropServices;

namespace McpShim.Sandbox.Linux;

/// <summary>
/// Landlock (Linux 5.13+): an unprivileged process restricts itself, and every process it executes, to the paths (and
/// TCP ports) it names. Rules attach to the inodes opened here, so later renames or new symlinks cannot widen them.
/// </summary>
internal static class Landlock
{
    /// <summary>The newest ABI the kernel offers, or 0 when Landlock is missing or turned off.</summary>
    public static int Abi()
    {
        var abi = LinuxKernel.syscall(LinuxKernel.LandlockCreateRuleset, 0, 0, 1 /* LANDLOCK_CREATE_RULESET_VERSION */);
        return abi > 0 ? (int)abi : 0;
    }

    /// <summary>
    /// Restricts this thread (and what it executes) to the Landlock part of <paramref name="program"/>. The caller has
    /// set no_new_privs. Throws <see cref="SandboxException"/> when a rule cannot be made.
    /// </summary>
    public static unsafe void RestrictSelf(SandboxProgram program)
    {
        var attr = stackalloc ulong[3];
        attr[0] = program.HandledFs;
        attr[1] = program.HandledNet;
        attr[2] = program.Scoped;
        var ruleset = (int)LinuxKernel.syscall(LinuxKernel.LandlockCreateRuleset, (nint)attr, program.RulesetSize, 0);
        if (ruleset < 0)
            throw Failed("landlock_create_ruleset");
        try
        {
            foreach (var path in program.Paths)
                AddPath(ruleset, path, program.FileRights);
            foreach (var port in program.ConnectPorts)
                AddPort(ruleset, port);
            if (LinuxKernel.syscall(LinuxKernel.LandlockRestrictSelf, ruleset, 0, 0) < 0)
                throw Failed("landlock_restrict_self");
        }
        finally
        {
            LinuxKernel.close(ruleset);
        }
    }

    private static unsafe void AddPath(int ruleset, LandlockPathRule path, ulong fileRights)
    {
        var (fd, isFolder) = OpenPath(path);
        if (fd < 0)
            return; // gone since the plan was made, or swapped for a symlink: nothing to grant is the safe side
        try
        {
            var allowed = isFolder ? path.Access : path.Access & fileRights;
            if (allowed == 0)
                return;
            // struct landlock_path_beneath_attr is packed: u64 allowed_access, s32 parent_fd.
            var attr = stackalloc byte[12];
            *(ulong*)attr = allowed;
            *(int*)(attr + 8) = fd;
            if (LinuxKernel.syscall(LinuxKernel.LandlockAddRule, ruleset, 1 /* LANDLOCK_RULE_PATH_BENEATH */, (nint)attr, 0) < 0)
                throw Failed($"landlock_add_rule for '{path.Path}'");
        }
        finally
        {
            LinuxKernel.close(fd);
        }
    }

    private static unsafe void AddPort(int ruleset, ulong port)
    {
        var attr = stackalloc ulong[2];
        attr[0] = LandlockRights.ConnectTcp;
        attr[1] = port;
        if (LinuxKernel.syscall(LinuxKernel.LandlockAddRule, ruleset, 2 /* LANDLOCK_RULE_NET_PORT */, (nint)attr, 0) < 0)
            throw Failed($"landlock_add_rule for TCP port {port}");
    }

    /// <summary>An O_PATH descriptor for the rule, and whether it is a folder; -1 when the path is not there (any more).</summary>
    private static (int Fd, bool IsFolder) OpenPath(LandlockPathRule path)
    {
        var folder = Open(path, LinuxKernel.ODirectory);
        if (folder >= 0)
            return (folder, true);
        var errno = Marshal.GetLastPInvokeError();
        if (errno != LinuxKernel.ENOTDIR)
            return errno is LinuxKernel.ENOENT or LinuxKernel.ELOOP or LinuxKernel.EACCES ? (-1, false) : throw Failed($"open '{path.Path}'");
        var file = Open(path, 0);
        return (file, false);
    }

    private static unsafe int Open(LandlockPathRule path, int extraFlags)
    {
        var flags = LinuxKernel.OPath | LinuxKernel.OCloexec | extraFlags;
        if (!path.Exact)
            return LinuxKernel.open(path.Path, flags, 0);
        // openat2 RESOLVE_NO_SYMLINKS: no component may be a link, so an entry swapped for one is not followed.
        var bytes = System.Text.Encoding.UTF8.GetBytes(path.Path + "\0");
        var how = stackalloc ulong[3];
        how[0] = (ulong)flags;
        how[1] = 0;
        how[2] = (ulong)LinuxKernel.ResolveNoSymlinks;
        fixed (byte* name = bytes)
            return (int)LinuxKernel.syscall(LinuxKernel.Openat2, LinuxKernel.AtFdCwd, (nint)name, (nint)how, 24);
    }

    private static SandboxException Failed(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new SandboxException($"{what} failed ({LinuxKernel.ErrorName(errno)})");
    }
}
