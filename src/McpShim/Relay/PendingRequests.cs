using System.Collections.Concurrent;

namespace McpShim.Relay;

/// <summary>
/// Client requests awaiting the server's answer. The thread forwarding the client's requests adds; the thread
/// forwarding the server's answers removes. They never share a lock:
/// <list type="bullet">
/// <item>added requests go into a lock-free queue, in the order they were sent;</item>
/// <item>an answer is looked up by taking requests off that queue. Servers mostly answer in order, so the first one
/// taken is usually it; those taken on the way wait in a map only the answering side touches.</item>
/// </list>
/// A plain request (ping, list, read) is kept as its method alone, with no allocation; only tool calls carry a
/// <see cref="PendingRequest"/> with what their audit line needs.
/// </summary>
internal sealed class PendingRequests
{
    private readonly ConcurrentQueue<Entry> _sent = new();
    private readonly Dictionary<RequestKey, Entry> _overtaken = [];
    private readonly Lock _answering = new(); // the answering side, and DrainAll at the end of a session
    private long _setAside; // under _answering: the order in which requests went into _overtaken

    public int Count
    {
        get
        {
            lock (_answering)
                return _overtaken.Count + _sent.Count;
        }
    }

    /// <summary>A request whose answer needs no more than its method: nothing is allocated for it.</summary>
    public void Add(RequestKey id, string method) => _sent.Enqueue(new Entry(id, method, null, 0));

    /// <summary>A request with its details (a tool call).</summary>
    public void Add(PendingRequest request) => _sent.Enqueue(new Entry(request.Id, request.Method, request, 0));

    /// <summary>Forgets <paramref name="id"/>; its method and, for a tool call, its details.</summary>
    public bool TryRemove(RequestKey id, out string method, out PendingRequest? details)
    {
        lock (_answering)
        {
            if (_overtaken.Count == 0 || !_overtaken.Remove(id, out var entry))
            {
                while (true)
                {
                    if (!_sent.TryDequeue(out entry))
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
            while (_sent.TryDequeue(out var entry))
                all.Add(entry);
        }

        return all.ConvertAll(e => e.Details ?? new PendingRequest(e.Id, e.Method, 0, 0, null, null));
    }

    private readonly record struct Entry(RequestKey Id, string Method, PendingRequest? Details, long SetAside);
}
