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

    [HostSandboxFact(Timeout = 120_000)]
    public async Task A_mutated_program_is_refused_by_the_native_launcher_exactly_when_mcpshims_own_reader_refuses_it()
    {
        var body = SandboxProgramChannel.Encode(Program())[4..];
        var random = new Random(20261204);
        var (refused, accepted) = (0, 0);
        for (var round = 0; round < 300; round++)
        {
            var mutated = Mutate(body, random);
            byte[] message = [.. BitConverter.GetBytes(mutated.Length), .. mutated];
            var readable = Readable(message);
            var native = await RunAsync(NativeSandboxLauncher.Path, message, "echo RAN");
            var nativeRefused = native.Error.Contains("the rules on stdin are not valid", StringComparison.Ordinal)
                || native.Error.Contains("different builds", StringComparison.Ordinal);

            Assert.True(readable != nativeRefused, $"round {round}: mcpshim's reader {(readable ? "accepts" : "refuses")} it, the native launcher says: {native.Error}");
            if (!readable)
                Assert.True(native.Lines.Length == 0 && native.Exit == SandboxExec.Failed, $"round {round}: refused, yet exit {native.Exit}, output {string.Join('|', native.Lines)}");
            (refused, accepted) = readable ? (refused, accepted + 1) : (refused + 1, accepted);
        }

        // Both kinds must have come up, or the comparison proved little.
        Assert.True(refused > 50 && accepted > 50, $"{refused} refused, {accepted} accepted");
    }

    /// <summary>One random change: a byte set, the body cut short, a byte inserted, or a 32-bit field overwritten.</summary>
    private static byte[] Mutate(byte[] body, Random random)
    {
        var at = random.Next(body.Length);
        switch (random.Next(5))
        {
            case 0 or 1:
                var set = (byte[])body.Clone();
                set[at] = (byte)random.Next(256);
                return set;
            case 2:
                return body[..at];
            case 3:
                return [.. body[..at], (byte)random.Next(256), .. body[at..]];
            default:
                var field = (byte[])body.Clone();
                var value = random.Next(2) == 0 ? (uint)random.Next(64) : (uint)random.NextInt64(uint.MaxValue);
                BitConverter.GetBytes(value).AsSpan(0, Math.Min(4, body.Length - at)).CopyTo(field.AsSpan(at));
                return field;
        }
    }

    private static bool Readable(byte[] message)
    {
        try
        {
            SandboxProgramChannelSpecs.ReadThroughPipe(message, 0);
            return true;
        }
        catch (SandboxException)
        {
            return false;
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

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{launcher} did not exit within 20 s; stderr so far is lost");
            }
        }

        return (process.ExitCode, (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries), await error);
    }
}
