namespace McpShim.Relay;

/// <summary>
/// Client requests awaiting the server's answer, keyed by their id. Shared by the two pump threads: one adds as the
/// client sends, the other removes as the server answers.
/// <list type="bullet">
/// <item>The ids are spread over a few stripes, each with its own lock, so a pipelining client's adds and the
/// answers' removes rarely meet on one lock.</item>
/// <item>A plain request (ping, list, read) is kept as its method alone, with no allocation; only tool calls carry a
/// <see cref="PendingRequest"/> with what their audit line needs.</item>
/// </list>
/// </summary>
internal sealed class PendingRequests
{
    private const int StripeCount = 16; // a power of two

    private readonly Stripe[] _stripes = Enumerable.Range(0, StripeCount).Select(_ => new Stripe()).ToArray();
    private long _lastSequence;

    public int Count => _stripes.Sum(s => s.Count);

    /// <summary>A request whose answer needs no more than its method: nothing is allocated for it.</summary>
    public void Add(RequestKey id, string method) => Put(id, new Entry(method, null, Interlocked.Increment(ref _lastSequence)));

    /// <summary>A request with its details (a tool call).</summary>
    public void Add(PendingRequest request) => Put(request.Id, new Entry(request.Method, request, Interlocked.Increment(ref _lastSequence)));

    /// <summary>Forgets <paramref name="id"/>; its method and, for a tool call, its details.</summary>
    public bool TryRemove(RequestKey id, out string method, out PendingRequest? details)
    {
        var stripe = StripeOf(id);
        Entry entry;
        bool found;
        lock (stripe.Gate)
            found = stripe.ById.Remove(id, out entry);
        method = entry.Method;
        details = entry.Details;
        return found;
    }

    /// <summary>Removes and returns everything still waiting, oldest first.</summary>
    public List<PendingRequest> DrainAll()
    {
        var all = new List<(long Sequence, PendingRequest Request)>();
        foreach (var stripe in _stripes)
        {
            lock (stripe.Gate)
            {
                foreach (var (id, entry) in stripe.ById)
                    all.Add((entry.Sequence, entry.Details ?? new PendingRequest(id, entry.Method, 0, 0, null, null)));
                stripe.ById.Clear();
            }
        }

        all.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return all.ConvertAll(a => a.Request);
    }

    private void Put(RequestKey id, Entry entry)
    {
        var stripe = StripeOf(id);
        lock (stripe.Gate)
            stripe.ById[id] = entry;
    }

    // Consecutive integer ids land on consecutive stripes; other ids by hash.
    private Stripe StripeOf(RequestKey id) =>
        _stripes[(id.Raw is null ? (int)id.Number : id.Raw.GetHashCode()) & (StripeCount - 1)];

    private readonly record struct Entry(string Method, PendingRequest? Details, long Sequence);

    /// <summary>One lock and its share of the ids.</summary>
    private sealed class Stripe
    {
        public readonly Lock Gate = new();
        public readonly Dictionary<RequestKey, Entry> ById = [];

        public int Count
        {
            get
            {
                lock (Gate)
                    return ById.Count;
            }
        }
    }
}
