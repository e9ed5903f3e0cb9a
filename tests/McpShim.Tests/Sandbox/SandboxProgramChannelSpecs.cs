using System.IO.Pipes;
using System.Text;
using McpShim.Sandbox;
using McpShim.Sandbox.Linux;
using McpShim.Tests.Support;

namespace McpShim.Tests.Sandbox;

/// <summary>The compiled rules travel on the launcher's stdin ahead of the client's first frame, which must stay unread.</summary>
public sealed class SandboxProgramChannelSpecs
{
    internal static SandboxProgram Sample() => SandboxProgram.Compile(
        new SandboxRules
        {
            Executable = "/usr/bin/node",
            Network = SandboxNetwork.Ports,
            ConnectPorts = [443, 8080],
            MemoryBytes = 512L << 20,
            Paths =
            [
                new SandboxPath { Path = "/usr", Access = SandboxAccess.ReadExecute },
                new SandboxPath { Path = "/home/me/project with spaces,commas\nand a newline", Access = SandboxAccess.ReadWrite, Exact = true },
                new SandboxPath { Path = "/home/me/projekt/ünïcode/.mcpignore", Access = SandboxAccess.ListOnly, Exact = true },
            ],
        },
        abi: 7,
        SyscallTable.X8664);

    [LinuxFact]
    public void The_launcher_reads_exactly_the_program_and_leaves_the_first_frame_for_the_server()
    {
        var program = Sample();
        var frame = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}\n");

        var (read, rest) = ReadThroughPipe([.. SandboxProgramChannel.Encode(program), .. frame], frame.Length);

        Assert.Equal((program.LandlockAbi, program.RulesetSize, program.HandledFs, program.HandledNet, program.Scoped, program.FileRights),
            (read.LandlockAbi, read.RulesetSize, read.HandledFs, read.HandledNet, read.Scoped, read.FileRights));
        Assert.Equal(program.Limits, read.Limits);
        Assert.Equal(program.Paths, read.Paths);
        Assert.Equal([443UL, 8080UL], read.ConnectPorts);
        Assert.Equal(program.Filter, read.Filter);
        Assert.Equal("/usr/bin/node", read.Executable);
        Assert.Equal(frame, rest);
    }

    [LinuxFact]
    public void Anything_but_mcpshim_s_own_rules_on_stdin_is_refused()
    {
        var error = Assert.Throws<SandboxException>(() => ReadThroughPipe("{\"jsonrpc\":\"2.0\"}\n"u8.ToArray(), 0));

        Assert.Contains("must be started by mcpshim itself", error.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Rules_in_another_builds_format_are_refused_naming_the_fix()
    {
        // What this build's launcher would get from the build before: the same framing, NUL-separated words.
        var body = Encoding.UTF8.GetBytes(string.Join('\0', "mcpshim-sandbox-rules/1", "/usr/bin/node", "None", "", "", "0"));

        var error = Assert.Throws<SandboxException>(() => ReadThroughPipe([.. BitConverter.GetBytes(body.Length), .. body], 0));

        Assert.Contains("different builds", error.Message, StringComparison.Ordinal);
        Assert.Contains("./build.sh publish", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every damaged program the parity spec sends both launchers; each must be refused whole.</summary>
    internal static IEnumerable<(string What, byte[] Message)> Damaged()
    {
        var good = SandboxProgramChannel.Encode(Sample());
        var body = good.AsSpan(4).ToArray();
        yield return ("cut short by a byte", Framed(body[..^1]));
        yield return ("a byte too many", Framed([.. body, 0]));
        var format = Encoding.ASCII.GetByteCount(SandboxProgramChannel.Format) + 1;
        var limitsCount = format + 4 + 4 + (4 * 8);
        var hugeCount = (byte[])body.Clone();
        BitConverter.GetBytes(0x7FFFFFFFu).CopyTo(hugeCount, limitsCount);
        yield return ("a count past the end", Framed(hugeCount));
        var nulInPath = (byte[])body.Clone();
        var path = Encoding.UTF8.GetBytes("/home/me/project with spaces");
        var at = nulInPath.AsSpan().IndexOf(path);
        nulInPath[at + 5] = 0;
        yield return ("a NUL inside a path", Framed(nulInPath));
        var longPath = (byte[])body.Clone();
        BitConverter.GetBytes(0xFFFFFFF0u).CopyTo(longPath, at - 4);
        yield return ("a path length past the end", Framed(longPath));
    }

    [LinuxFact]
    public void A_damaged_program_is_refused_whole()
    {
        foreach (var (what, message) in Damaged())
        {
            var error = Assert.Throws<SandboxException>(() => ReadThroughPipe(message, 0));
            Assert.True(error.Message.StartsWith("the rules on stdin are not valid", StringComparison.Ordinal), $"{what}: {error.Message}");
        }
    }

    private static byte[] Framed(byte[] body) => [.. BitConverter.GetBytes(body.Length), .. body];

    internal static (SandboxProgram Program, byte[] Remainder) ReadThroughPipe(byte[] written, int restLength)
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        pipe.Write(written);
        pipe.Flush();

        var program = SandboxProgramChannel.Read((int)reader.SafePipeHandle.DangerousGetHandle());
        var rest = new byte[restLength];
        reader.ReadExactly(rest);
        return (program, rest);
    }
}
