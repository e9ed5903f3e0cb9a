using System.Diagnostics;
using System.Text;
using McpShim.Sandbox;
using McpShim.Sandbox.Linux;
using McpShim.Tests.Support;

namespace McpShim.Tests.Sandbox;

/// <summary>
/// The two launchers, the native <c>mcpshim-sandbox</c> and mcpshim's own <c>__sandbox-exec</c> role, execute the same
/// program the same way: what a shell inside each can reach is compared line for line, and both refuse a damaged
/// program before the server runs.
/// </summary>
public sealed class SandboxLauncherSpecs : IDisposable
{
    private const string Script = """
        while read -r key value; do case "$key" in NoNewPrivs:|Seccomp:|Seccomp_filters:) echo "$key $value";; esac; done < /proc/self/status
        cat "$1/granted/readable.txt" 2>/dev/null || echo "read granted: denied"
        cat "$1/secret.txt" 2>/dev/null || echo "read secret: denied"
        (echo x > "$1/rw/new.txt") 2>/dev/null && echo "write rw: ok" || echo "write rw: denied"
        (echo x > "$1/granted/new.txt") 2>/dev/null && echo "write granted: ok" || echo "write granted: denied"
        echo "data limit: $(ulimit -d)"
        echo "core limit: $(ulimit -c)"
        """;

    private readonly TempFolder _folder = new();

    [HostSandboxFact(Timeout = 120_000)]
    public async Task Both_launchers_apply_one_program_alike_and_the_server_gets_exactly_what_it_grants()
    {
        Directory.CreateDirectory(_folder.File("granted"));
        Directory.CreateDirectory(_folder.File("rw"));
        File.WriteAllText(_folder.File("granted/readable.txt"), "read granted: ok\n");
        File.WriteAllText(_folder.File("secret.txt"), "read secret: LEAKED\n");
        var message = SandboxProgramChannel.Encode(Program());

        var native = await RunAsync(NativeSandboxLauncher.Path, message);
        var self = await RunAsync(ShimExecutable.Path!, message);

        string[] expected =
        [
            "NoNewPrivs: 1", "Seccomp: 2", "Seccomp_filters: 1", "read granted: ok", "read secret: denied", "write rw: ok",
            "write granted: denied", "data limit: 65536", "core limit: 0",
        ];
        Assert.True(native.Exit == 0, native.Error);
        Assert.True(self.Exit == 0, self.Error);
        Assert.Equal(expected, native.Lines);
        Assert.Equal(expected, self.Lines);
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task Both_launchers_refuse_a_damaged_program_or_another_builds_before_the_server_runs()
    {
        var otherBuild = Encoding.UTF8.GetBytes(string.Join('\0', "mcpshim-sandbox-rules/1", "/bin/sh", "None", "", "", "0"));
        var cases = SandboxProgramChannelSpecs.Damaged()
            .Select(d => (d.What, d.Message, Expected: "the rules on stdin are not valid"))
            .Append(("another build's rules", [.. BitConverter.GetBytes(otherBuild.Length), .. otherBuild], "come from different builds"))
            .Append(("no rules at all", [], "stdin ended after 0 of 4 bytes of rules"));

        foreach (var (what, message, expected) in cases)
        {
            foreach (var launcher in new[] { NativeSandboxLauncher.Path, ShimExecutable.Path! })
            {
                var result = await RunAsync(launcher, message, "echo RAN");
                Assert.True(result.Exit == SandboxExec.Failed, $"{what} via {launcher}: exit {result.Exit}, stderr {result.Error}");
                Assert.Empty(result.Lines);
                Assert.Contains(expected, result.Error, StringComparison.Ordinal);
                Assert.EndsWith("the server was not started.\n", result.Error, StringComparison.Ordinal);
            }
        }
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The sandbox of an ordinary session, plus one folder to read and one to write, for /bin/sh.</summary>
    private SandboxProgram Program()
    {
        var paths = SystemPaths.ForLinux(network: false, p => File.Exists(p) || Directory.Exists(p)).ToList();
        paths.Add(new SandboxPath { Path = _folder.File("granted"), Access = SandboxAccess.Read });
        paths.Add(new SandboxPath { Path = _folder.File("rw"), Access = SandboxAccess.ReadWrite, Exact = true });
        var rules = new SandboxRules { Executable = "/bin/sh", Paths = paths, MemoryBytes = 64L << 20 };
        return SandboxProgram.Compile(rules, Landlock.Abi(), SyscallTable.For(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture)!);
    }

    private async Task<(int Exit, string[] Lines, string Error)> RunAsync(string launcher, byte[] message, string script = Script)
    {
        var start = new ProcessStartInfo(launcher) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var word in (string[])[SandboxExec.Role, "--", "sh", "-c", script, "sh", _folder.Path])
            start.ArgumentList.Add(word);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(message);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The launcher refused before it read everything.
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries), await error);
    }
}
