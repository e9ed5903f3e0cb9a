using System.IO.Pipes;
using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

/// <summary>A pump hands a big frame to its sender thread only when the next one is already waiting in the pipe.</summary>
public sealed class PendingInputSpecs
{
    [LinuxFact]
    public void The_bytes_waiting_in_a_pipe_are_told_without_reading_them()
    {
        using var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle);

        Assert.Equal(0, ShimPlatform.Current.Processes.PendingInput(reader));
        writer.Write("{\"id\":1}\n"u8);
        Assert.Equal(9, ShimPlatform.Current.Processes.PendingInput(reader));
        Assert.Equal(9, ShimPlatform.Current.Processes.PendingInput(reader)); // still there: nothing was read
    }

    [Fact]
    public void A_stream_without_a_descriptor_cannot_tell()
    {
        Assert.Equal(-1, ShimPlatform.Current.Processes.PendingInput(new MemoryStream([1, 2, 3])));
    }
}
