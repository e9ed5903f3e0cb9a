using System.Buffers;
using System.Collections.Concurrent;

namespace McpShim.Relay;

/// <summary>
/// Client requests awaiting the server's answer. The thread forwarding the client's requests adds; the thread
/// forwarding the server's answers removes. They never share a lock:
/// <list type="bullet">
/// <item>added requests go into a lock-free queue, in the order they were sent: one by one, or a burst at once
/// (<see cref="Stage"/> then <see cref="Publish"/>, before the burst is written to the server);</item>
/// <item>an answer is looked up by taking requests off that queue. Servers mostly answer in order, so the first one
/// taken is usually it; those taken on the way wait in a map only the answering side touches.</item>
/// </list>
/// A plain request (ping, list, read) is kept as its method alone, with no allocation; only tool calls carry a
/// <see cref="PendingRequest"/> with what their audit line needs.
/// </summary>
internal sealed class PendingRequests
{
    private readonly ConcurrentQueue<Chunk> _sent = new();
    private readonly Dictionary<RequestKey, Entry> _overtaken = [];
    private readonly Lock _answering = new(); // the answering side, and DrainAll at the end of a session
    private readonly List<Staged> _staged = []; // the sending thread's burst, not yet published
    private Staged[]? _taking; // under _answering: the published burst being taken from
    private int _takingCount;
    private int _takingNext;
    private long _setAside; // under _answering: the order in which requests went into _overtaken

    public int Count
    {
        get
        {
            lock (_answering)
            {
                var count = _overtaken.Count + (_takingCount - _takingNext);
                foreach (var chunk in _sent)
                    count += chunk.Count;
                return count;
            }
        }
    }

    /// <summary>A request whose answer needs no more than its method: nothing is allocated for it.</summary>
    public void Add(RequestKey id, string method) => Add(new Entry(id, method, null, 0));

    /// <summary>A request with its details (a tool call).</summary>
    public void Add(PendingRequest request) => Add(new Entry(request.Id, request.Method, request, 0));

    /// <summary>
    /// Keeps a plain request of a burst until <see cref="Publish"/>, which must come before any of the burst reaches
    /// the server. Only the thread that forwards the client's requests stages.
    /// </summary>
    public void Stage(RequestKey id, string method)
    {
        // A burst holds integer ids and known methods as plain values: no references, so no GC write barrier per
        // request and nothing to clear when its array goes back to the pool. Anything else goes in one by one.
        var known = id.Raw is null ? KnownMethods.IndexOf(method) : -1;
        if (known >= 0)
            _staged.Add(new Staged(id.Number, known));
        else
            Add(new Entry(id, method, null, 0));
    }

    /// <summary>Makes the staged burst visible to the answering side, as one queue item.</summary>
    public void Publish()
    {
        if (_staged.Count == 0)
            return;
        // Bursts are pooled: the answering side gives each back once it has taken all of it.
        var burst = ArrayPool<Staged>.Shared.Rent(_staged.Count);
        _staged.CopyTo(burst);
        _sent.Enqueue(new Chunk(default, burst, _staged.Count));
        _staged.Clear();
    }

    /// <summary>
    /// Holds the answering side's lock for a burst of answers taken one after another on this thread, instead of once
    /// per answer; <see cref="EndAnswering"/> lets it go.
    /// </summary>
    public void BeginAnswering() => _answering.Enter();

    public void EndAnswering() => _answering.Exit();

    /// <summary>Forgets <paramref name="id"/>; its method and, for a tool call, its details.</summary>
    public bool TryRemove(RequestKey id, out string method, out PendingRequest? details)
    {
        lock (_answering)
            return TryRemoveAnswering(id, out method, out details);
    }

    /// <summary><see cref="TryRemove"/> between this thread's <see cref="BeginAnswering"/> and <see cref="EndAnswering"/>: the lock is held already.</summary>
    public bool TryRemoveAnswering(RequestKey id, out string method, out PendingRequest? details)
    {
        System.Diagnostics.Debug.Assert(_answering.IsHeldByCurrentThread, "TryRemoveAnswering outside BeginAnswering/EndAnswering");
        if (_overtaken.Count == 0 || !_overtaken.Remove(id, out var entry))
        {
            while (true)
            {
                if (!TryTakeNext(out entry))
                {
                    (method, details) = (string.Empty, null);
                    return false;
                }

                if (entry.Id.Equals(id))
                    break;
                _overtaken[entry.Id] = entry with { SetAside = _setAside++ }; // answered later, out of order (or never)
            }
        }

        (method, details) = (entry.Method, entry.Details);
        return true;
    }

    /// <summary>Removes and returns everything still waiting, oldest first.</summary>
    public List<PendingRequest> DrainAll()
    {
        var all = new List<Entry>();
        lock (_answering)
        {
            // Requests set aside were taken off the queue before any still on it, so they are the older ones.
            all.AddRange(_overtaken.Values.OrderBy(e => e.SetAside));
            _overtaken.Clear();
            while (TryTakeNext(out var entry))
                all.Add(entry);
        }

        return all.ConvertAll(e => e.Details ?? new PendingRequest(e.Id, e.Method, 0, 0, null, null));
    }

    private void Add(Entry entry)
    {
        Publish(); // a burst staged before this request was sent before it
        _sent.Enqueue(new Chunk(entry, null, 1));
    }

    /// <summary>The oldest request not yet taken; under <see cref="_answering"/>.</summary>
    private bool TryTakeNext(out Entry entry)
    {
        if (_takingNext < _takingCount)
        {
            entry = _taking![_takingNext++].ToEntry();
            return true;
        }

        if (_taking is not null)
        {
            ArrayPool<Staged>.Shared.Return(_taking); // plain values: nothing to clear
            _taking = null;
            _takingCount = _takingNext = 0;
        }

        if (!_sent.TryDequeue(out var chunk))
        {
            entry = default;
            return false;
        }

        if (chunk.Burst is null)
        {
            entry = chunk.Single;
            return true;
        }

        (_taking, _takingCount, _takingNext) = (chunk.Burst, chunk.Count, 1);
        entry = chunk.Burst[0].ToEntry();
        return true;
    }

    private readonly record struct Entry(RequestKey Id, string Method, PendingRequest? Details, long SetAside);

    /// <summary>A plain request of a burst: an integer id and the index of a known method.</summary>
    private readonly record struct Staged(long Number, int Method)
    {
        public Entry ToEntry() => new(new RequestKey(Number, null), KnownMethods.At(Method), null, 0);
    }

    /// <summary>One request, or a burst of them published at once (the first <see cref="Count"/> of a pooled array).</summary>
    private readonly record struct Chunk(Entry Single, Staged[]? Burst, int Count);
}
