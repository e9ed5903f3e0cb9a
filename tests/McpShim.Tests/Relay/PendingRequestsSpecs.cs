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

    [Fact]
    public void A_burst_published_at_once_keeps_its_place_among_single_requests()
    {
        var pending = new PendingRequests();
        pending.Stage(Key(1), "ping");
        pending.Stage(Key(2), "tools/list");
        Assert.Equal(0, pending.Count); // staged: not sent yet
        pending.Add(new PendingRequest(Key(3), "tools/call", 0, 10, "echo", null)); // publishes 1 and 2 first
        pending.Stage(Key(4), "ping");
        pending.Publish();
        pending.Add(Key(5), "ping");

        Assert.Equal(5, pending.Count);
        Assert.True(pending.TryRemove(Key(2), out var list, out _)); // sets 1 aside
        Assert.Equal("tools/list", list);
        Assert.Equal(["1", "3", "4", "5"], pending.DrainAll().Select(r => r.Id.ToJson()));
        Assert.Equal(0, pending.Count);
    }

    [Fact]
    public void A_staged_request_a_burst_cannot_hold_as_plain_values_still_keeps_its_place()
    {
        var pending = new PendingRequests();
        pending.Stage(Key(1), "ping");
        pending.Stage(RequestKey.FromString("b"u8), "ping"); // a string id
        pending.Stage(Key(3), new string("ping".ToCharArray())); // equal text, not the shared instance
        pending.Stage(Key(4), "resources/read");
        pending.Publish();

        Assert.True(pending.TryRemove(Key(4), out var read, out _));
        Assert.Equal("resources/read", read);
        var left = pending.DrainAll();
        Assert.Equal(["1", "\"b\"", "3"], left.Select(r => r.Id.ToJson()));
        Assert.All(left, r => Assert.Equal("ping", r.Method));
    }

    [Fact(Timeout = 30_000)]
    public async Task Bursts_and_answers_on_two_threads_lose_nothing()
    {
        var pending = new PendingRequests();
        const int Count = 200_000;
        var sender = Task.Run(() =>
        {
            var random = new Random(5);
            for (var i = 0; i < Count;)
            {
                var burst = Math.Min(random.Next(1, 2000), Count - i);
                for (var j = 0; j < burst; j++, i++)
                {
                    if (i % 997 == 0)
                        pending.Add(Key(i), "ping"); // one at a time, in the middle of a burst
                    else
                        pending.Stage(Key(i), "ping");
                }

                pending.Publish();
            }
        });
        var found = 0;
        var answerer = Task.Run(() =>
        {
            // Answers in runs under one hold of the lock, pairs swapped (1, 0, 3, 2, ...).
            for (var i = 0; i < Count;)
            {
                pending.BeginAnswering();
                try
                {
                    for (var k = 0; k < 100 && i < Count; k++)
                    {
                        if (!pending.TryRemove(Key(i ^ 1), out _, out _))
                            break;
                        found++;
                        i++;
                    }
                }
                finally
                {
                    pending.EndAnswering();
                }

                Thread.SpinWait(10);
            }
        });

        await Task.WhenAll(sender, answerer);

        Assert.Equal(Count, found);
        Assert.Equal(0, pending.Count);
    }

    private static RequestKey Key(long id) => new(id, null);
}
