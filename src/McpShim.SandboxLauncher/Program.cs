using System.Runtime.InteropServices;
using McpShim.Sandbox.Linux;

// mcpshim-sandbox __sandbox-exec -- PROGRAM ARGS...: exactly what mcpshim's own hidden role does (SandboxExec).
if (args.Length == 0 || args[0] != SandboxExec.Role)
{
    Console.Error.WriteLine($"mcpshim-sandbox is mcpshim's launcher for sandboxed local servers ({SandboxExec.Role}); it is not for direct use.");
    return 2;
}

return SandboxExec.Run(args, OperatingSystem.IsLinux() ? SyscallTable.For(RuntimeInformation.ProcessArchitecture) : null);
