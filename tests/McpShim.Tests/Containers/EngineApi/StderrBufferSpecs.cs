using McpShim.Containers.EngineApi;

namespace McpShim.Tests.Containers.EngineApi;

public sealed class StderrBufferSpecs
{
    [Fact(Timeout = 10_000)]
    public async Task A_reader_gets_what_was_written_in_order_then_the_end()
    {
        var buffer = new StderrBuffer();
        var reading = Task.Run(() => new StreamReader(buffer).ReadToEnd());

        buffer.Write("one\n"u8);
        buffer.Write("two\n"u8);
        buffer.Complete();

        Assert.Equal("one\ntwo\n", await reading);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_writer_that_gets_too_far_ahead_waits_like_on_a_full_pipe()
    {
        var buffer = new StderrBuffer(capacity: 8);
        buffer.Write("12345678"u8);

        var blocked = Task.Run(() => buffer.Write("9"u8));
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted, "the writer went past the capacity");

        var read = new byte[4];
        Assert.Equal(4, buffer.Read(read));
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact(Timeout = 10_000)]
    public async Task Once_the_reader_is_gone_writes_are_dropped_instead_of_blocking()
    {
        var buffer = new StderrBuffer(capacity: 4);
        buffer.Write("full"u8);
        var blocked = Task.Run(() => buffer.Write("more"u8));

        buffer.Dispose();

        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        buffer.Write("after"u8);
    }
}
