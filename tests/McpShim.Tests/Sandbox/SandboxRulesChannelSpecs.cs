using System.IO.Pipes;
using System.Text;
using McpShim.Sandbox;
using McpShim.Tests.Support;

namespace McpShim.Tests.Sandbox;

/// <summary>The rules travel on the launcher's stdin ahead of the client's first frame, which must stay unread.</summary>
public sealed class SandboxRulesChannelSpecs
{
    [LinuxFact]
    public void The_launcher_reads_exactly_the_rules_and_leaves_the_first_frame_for_the_server()
    {
        var rules = new SandboxRules
        {
            Executable = "/usr/bin/node",
            Network = SandboxNetwork.Ports,
            ConnectPorts = [443, 8080],
            MemoryBytes = 512L << 20,
            Paths =
            [
                new SandboxPath { Path = "/usr", Access = SandboxAccess.ReadExecute },
                new SandboxPath { Path = "/home/me/project with spaces,commas\nand a newline", Access = SandboxAccess.ReadWrite, Exact = true },
                new SandboxPath { Path = "/home/me/project/.mcpignore", Access = SandboxAccess.ListOnly, Exact = true },
            ],
        };
        var frame = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}\n");
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        pipe.Write([.. SandboxRulesChannel.Encode(rules), .. frame]);
        pipe.Flush();

        var read = SandboxRulesChannel.Read((int)reader.SafePipeHandle.DangerousGetHandle());
        var rest = new byte[frame.Length];
        reader.ReadExactly(rest);

        Assert.Equal(rules.Executable, read.Executable);
        Assert.Equal(SandboxNetwork.Ports, read.Network);
        Assert.Equal([443, 8080], read.ConnectPorts);
        Assert.Equal(512L << 20, read.MemoryBytes);
        Assert.Equal(rules.Paths.Select(p => (p.Path, p.Access, p.Exact)), read.Paths.Select(p => (p.Path, p.Access, p.Exact)));
        Assert.Equal(frame, rest);
    }

    [LinuxFact]
    public void Anything_but_mcpshim_s_own_rules_on_stdin_is_refused()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        pipe.Write("{\"jsonrpc\":\"2.0\"}\n"u8);
        pipe.Flush();

        var error = Assert.Throws<SandboxException>(() => SandboxRulesChannel.Read((int)reader.SafePipeHandle.DangerousGetHandle()));

        Assert.Contains("must be started by mcpshim itself", error.Message, StringComparison.Ordinal);
    }
    [LinuxFact]
    public void Rules_in_another_builds_format_are_refused_naming_the_fix()
    {
        // What a launcher of another build would be sent: the same framing, without this build's format first.
        var body = Encoding.UTF8.GetBytes(string.Join('\0', "/usr/bin/node", "None", "", "", "0"));
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        pipe.Write([.. BitConverter.GetBytes(body.Length), .. body]);
        pipe.Flush();

        var error = Assert.Throws<SandboxException>(() => SandboxRulesChannel.Read((int)reader.SafePipeHandle.DangerousGetHandle()));

        Assert.Contains("different builds", error.Message, StringComparison.Ordinal);
        Assert.Contains("./build.sh publish", error.Message, StringComparison.Ordinal);
    }
}
