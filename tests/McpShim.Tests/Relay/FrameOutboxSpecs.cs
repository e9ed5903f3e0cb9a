using System.Text;
using McpShim.Relay;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

public sealed class FrameOutboxSpecs
{
    [Fact(Timeout = 10_000)]
    public async Task Frames_sent_from_other_threads_arrive_whole_and_in_order()
    {
        var stream = new LockedMemoryStream();
        var outbox = new FrameOutbox(new FrameWriter(stream), new ListLogger());

        await Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++)
                outbox.Send(Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
        });

        Assert.True(outbox.WaitUntilEmpty(TimeSpan.FromSeconds(5)));
        var lines = stream.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"{{\"n\":{i}}}"), lines);
    }

    [Fact]
    public void On_the_writers_own_pump_thread_a_frame_is_written_at_once()
    {
        var stream = new LockedMemoryStream();
        var writer = new FrameWriter(stream) { OwnerThreadId = Environment.CurrentManagedThreadId };
        var outbox = new FrameOutbox(writer, new ListLogger());

        outbox.Send("{\"now\":true}"u8.ToArray());

        Assert.Equal("{\"now\":true}\n", stream.Text);
    }
}
