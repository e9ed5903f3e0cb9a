namespace McpShim.Relay;

/// <summary>
/// Client requests awaiting the server's answer, keyed by their id. Shared by the two pump threads.
/// </summary>
internal sealed class PendingRequests
{
    private readonly Dictionary<RequestKey, PendingRequest> _byId = [];
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
            _byId[request.Id] = request;
    }

    public PendingRequest? Remove(RequestKey id)
    {
        lock (_gate)
            return _byId.Remove(id, out var request) ? request : null;
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
