using System.Globalization;
using McpShim.Relay;

namespace McpShim.Policy;

/// <summary>
/// Ids of the requests mcpshim itself sends (<c>elicitation/create</c> to the client, <c>tools/list</c> to the
/// server): strings <c>"mcpshim-RANDOM-N"</c>, with a random part per session, so they cannot collide with the
/// client's or the server's own ids. Answers carrying them are consumed by mcpshim, never forwarded.
/// </summary>
internal sealed class ShimRequestIds
{
    private const string Prefix = "mcpshim-";

    private readonly string _session = Prefix + Guid.NewGuid().ToString("N")[..12] + "-";
    private int _last;

    /// <summary>The next id as raw JSON (quoted).</summary>
    public string Next() => "\"" + _session + Interlocked.Increment(ref _last).ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Whether an id has mcpshim's shape; cheap, so it runs for every response a policy session sees.</summary>
    public static bool LooksOwned(RequestKey? id) =>
        id is { Raw: { } raw } && raw.StartsWith("\"" + Prefix, StringComparison.Ordinal);

    /// <summary>Whether the id is one this session made (and not another mcpshim's further up a chain).</summary>
    public bool IsMine(string rawId) => rawId.StartsWith("\"" + _session, StringComparison.Ordinal);
}
