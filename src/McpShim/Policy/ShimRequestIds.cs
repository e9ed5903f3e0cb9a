using System.Globalization;

namespace McpShim.Policy;

/// <summary>
/// Ids of the requests mcpshim itself sends (<c>elicitation/create</c> to the client, <c>tools/list</c> to the
/// server): strings <c>"mcpshim-RANDOM-N"</c>, with a random part per session, so they cannot collide with the
/// client's or the server's own ids. Answers carrying them are consumed by mcpshim, never forwarded; ids of another
/// mcpshim (one relaying through another) are not this one's and pass.
/// </summary>
internal sealed class ShimRequestIds
{
    private readonly string _quotedPrefix = "\"mcpshim-" + Guid.NewGuid().ToString("N")[..12] + "-";
    private int _last;

    /// <summary>The next id as raw JSON (quoted).</summary>
    public string Next() => _quotedPrefix + Interlocked.Increment(ref _last).ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Whether a raw JSON id is one this session made; no allocation, as it runs for every string id.</summary>
    public bool IsMine(string rawId) => rawId.StartsWith(_quotedPrefix, StringComparison.Ordinal);
}
