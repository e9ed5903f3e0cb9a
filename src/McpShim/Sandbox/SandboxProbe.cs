using System.Globalization;
using System.Runtime.InteropServices;
using McpShim.Sandbox.Linux;

namespace McpShim.Sandbox;

/// <summary>
/// The hidden <c>mcpshim __sandbox-probe HOME NETWORK</c> role: run inside a profile's sandbox by <c>mcpshim
/// test</c>, it tries what a hostile server would (read <c>~/.ssh</c>, write outside its folders, open a TCP or Unix
/// socket, gain privileges) and prints one line per attempt: name, <c>pass</c> (refused) or <c>fail</c>, and what
/// happened (<see cref="Smoke.SandboxAudit"/> reads them).
/// </summary>
internal static class SandboxProbe
{
    public const string Role = "__sandbox-probe";

    private const int ORdonly = 0;
    private const int OWronly = 1;
    private const int OCreat = 0x40;
    private const int OExcl = 0x80;
    private const int AfUnix = 1;
    private const int AfInet = 2;
    private const int SockStream = 1;
    private const long PtraceAttach = 16;
    private const long PtraceDetach = 17;
    private const int CloneNewUser = 0x10000000;

    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine($"mcpshim: {Role} runs inside mcpshim test's sandbox; it is not for direct use.");
            return 2;
        }

        var home = args[1];
        var network = args[2];
        Report("home folder and ~/.ssh unreadable", ReadSecrets(home));
        Report("no writes outside its folders", WriteOutside(home));
        Report("no TCP connection", Tcp(network));
        Report("no Unix sockets (docker.sock, ssh-agent)", Unix());
        Report("no privilege gain, ptrace or namespaces", Privileges());
        return 0;
    }

    private static void Report(string name, (bool Refused, string Detail) outcome) =>
        Console.Out.WriteLine($"{name}\t{(outcome.Refused ? "pass" : "fail")}\t{outcome.Detail}");

    private static (bool, string) ReadSecrets(string home)
    {
        var targets = new[] { Path.Combine(home, ".ssh", "id_rsa"), Path.Combine(home, ".ssh"), Path.Combine(home, ".aws"), home }
            .Where(p => File.Exists(p) || Directory.Exists(p))
            .ToList();
        var details = new List<string>();
        foreach (var target in targets)
        {
            var fd = LinuxKernel.open(target, ORdonly | LinuxKernel.OCloexec, 0);
            if (fd >= 0)
            {
                LinuxKernel.close(fd);
                return (false, $"opened '{target}' for reading");
            }

            details.Add($"{target}: {LinuxKernel.ErrorName(Marshal.GetLastPInvokeError())}");
        }

        return (targets.Count > 0, targets.Count == 0 ? "nothing to try: the home folder does not exist" : string.Join(", ", details));
    }

    private static (bool, string) WriteOutside(string home)
    {
        var name = ".mcpshim-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var details = new List<string>();
        foreach (var folder in new[] { home, "/tmp" }.Where(Directory.Exists))
        {
            var target = Path.Combine(folder, name);
            var fd = LinuxKernel.open(target, OWronly | OCreat | OExcl | LinuxKernel.OCloexec, 0x180);
            if (fd >= 0)
            {
                LinuxKernel.close(fd);
                File.Delete(target);
                return (false, $"created '{target}'");
            }

            details.Add($"{target}: {LinuxKernel.ErrorName(Marshal.GetLastPInvokeError())}");
        }

        return (details.Count > 0, string.Join(", ", details));
    }

    private static unsafe (bool, string) Tcp(string network)
    {
        var fd = LinuxKernel.socket(AfInet, SockStream, 0);
        if (fd < 0)
            return (true, "socket(AF_INET): " + LinuxKernel.ErrorName(Marshal.GetLastPInvokeError()));
        try
        {
            // 127.0.0.1:1, which nothing listens on: refused by the kernel (ECONNREFUSED) means the sandbox let it through.
            var address = stackalloc byte[16];
            address[0] = AfInet;
            address[3] = 1;
            address[4] = 127;
            address[7] = 1;
            var result = LinuxKernel.connect(fd, address, 16);
            var errno = Marshal.GetLastPInvokeError();
            var what = result == 0 ? "connected" : LinuxKernel.ErrorName(errno);
            var refused = result != 0 && errno is LinuxKernel.EACCES or LinuxKernel.EPERM;
            return network == "open"
                ? (true, $"the profile gives the server a network: connect(127.0.0.1:1): {what}")
                : (refused, $"socket(AF_INET) allowed ({network}), connect(127.0.0.1:1): {what}");
        }
        finally
        {
            LinuxKernel.close(fd);
        }
    }

    private static (bool, string) Unix()
    {
        var fd = LinuxKernel.socket(AfUnix, SockStream, 0);
        if (fd < 0)
            return (true, "socket(AF_UNIX): " + LinuxKernel.ErrorName(Marshal.GetLastPInvokeError()));
        LinuxKernel.close(fd);
        return (false, "socket(AF_UNIX) succeeded: the server could connect to sockets such as docker.sock");
    }

    private static (bool, string) Privileges()
    {
        var status = File.ReadAllLines("/proc/self/status");
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "?";
        var noNewPrivs = Field("NoNewPrivs");
        var seccomp = Field("Seccomp");
        var parent = LinuxKernel.getppid();
        var traced = LinuxKernel.ptrace(PtraceAttach, parent, 0, 0) == 0;
        var ptraceError = traced ? "attached" : LinuxKernel.ErrorName(Marshal.GetLastPInvokeError());
        if (traced)
            LinuxKernel.ptrace(PtraceDetach, parent, 0, 0);
        var unshared = LinuxKernel.unshare(CloneNewUser) == 0;
        var unshareError = unshared ? "succeeded" : LinuxKernel.ErrorName(Marshal.GetLastPInvokeError());
        var refused = noNewPrivs == "1" && seccomp == "2" && !traced && !unshared;
        return (refused, $"NoNewPrivs {noNewPrivs}, Seccomp {seccomp} (2: filter), ptrace(ATTACH, pid {parent}): {ptraceError}, unshare(CLONE_NEWUSER): {unshareError}");
    }
}
