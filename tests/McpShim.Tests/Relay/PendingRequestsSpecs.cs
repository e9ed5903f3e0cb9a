using McpShim.Relay;

namespace McpShim.Tests.Relay;

public sealed class PendingRequestsSpecs
{
    [Fact]
    public void Answers_in_any_order_each_find_their_request_once()
    {
        var pending = new PendingRequests();
        for (var i = 1; i <= 5; i++)
            pending.Add(Key(i), "ping");
        pending.Add(new PendingRequest(Key(6), "tools/call", 0, 10, "echo", null));

        Assert.True(pending.TryRemove(Key(3), out var third, out _)); // out of order: 1 and 2 are set aside
        Assert.True(pending.TryRemove(Key(1), out _, out _));
        Assert.True(pending.TryRemove(Key(6), out var call, out var details));
        Assert.False(pending.TryRemove(Key(3), out _, out _)); // answered already
        Assert.False(pending.TryRemove(Key(99), out _, out _)); // never asked

        Assert.Equal("ping", third);
        Assert.Equal("tools/call", call);
        Assert.Equal("echo", details!.ToolName);
        Assert.Equal(3, pending.Count); // 2, 4, 5
    }

    [Fact]
    public void What_is_left_drains_oldest_first()
    {
        var pending = new PendingRequests();
        pending.Add(new RequestKey(0, "\"a\""), "resources/read");
        pending.Add(Key(2), "ping");
        pending.Add(Key(3), "tools/list");
        pending.TryRemove(Key(3), out _, out _); // sets "a" and 2 aside

        pending.Add(Key(4), "prompts/get");
        var left = pending.DrainAll();

        Assert.Equal(["\"a\"", "2", "4"], left.Select(r => r.Id.ToJson()));
        Assert.Equal(["resources/read", "ping", "prompts/get"], left.Select(r => r.Method));
        Assert.Equal(0, pending.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_sender_and_an_answerer_on_two_threads_lose_nothing()
    {
        var pending = new PendingRequests();
        const int Count = 200_000;
        var sender = Task.Run(() =>
        {
            for (var i = 0; i < Count; i++)
                pending.Add(Key(i), "ping");
        });
        var found = 0;
        var answerer = Task.Run(() =>
        {
            // Answers come in pairs swapped (1, 0, 3, 2, ...), each only once its request was sent.
            for (var i = 0; i < Count; i++)
            {
                var id = i ^ 1;
                while (!pending.TryRemove(Key(id), out _, out _))
                    Thread.SpinWait(10);
                found++;
            }
        });

        await Task.WhenAll(sender, answerer);

        Assert.Equal(Count, found);
        Assert.Equal(0, pending.Count);
    }

    private static RequestKey Key(long id) => new(id, null);
}
