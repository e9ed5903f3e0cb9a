namespace McpShim.Relay;

/// <summary>
/// Client requests awaiting the server's answer, keyed by their raw JSON id. Shared by the two pump threads.
/// </summary>
internal sealed class PendingRequests
{
    private readonly Dictionary<string, PendingRequest> _byId = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
                return _byId.Count;
        }
    }

    public void Add(PendingRequest request)
    {
        lock (_gate)
            _byId[request.RawId] = request;
    }

    public PendingRequest? Remove(string rawId)
    {
        lock (_gate)
            return _byId.Remove(rawId, out var request) ? request : null;
    }

    /// <summary>Removes and returns everything still waiting, oldest first.</summary>
    public List<PendingRequest> DrainAll()
    {
        lock (_gate)
        {
            var all = _byId.Values.OrderBy(r => r.StartTimestamp).ToList();
            _byId.Clear();
            return all;
        }
    }
}
