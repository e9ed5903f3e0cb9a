namespace McpShim.Policy;

/// <summary>
/// The server's tools as mcpshim last saw them in <c>tools/list</c> answers. Not thread-safe: the
/// <see cref="PolicyEnforcer"/> guards it.
/// </summary>
internal sealed class KnownTools
{
    private readonly Dictionary<string, ToolDefinition> _byName = new(StringComparer.Ordinal);

    /// <summary>A complete listing arrived and the server has not announced a change since.</summary>
    public bool IsCurrent { get; private set; }

    public int Count => _byName.Count;

    /// <summary>One page of a listing: added or updated, nothing removed.</summary>
    public void Add(IEnumerable<ToolDefinition> tools)
    {
        foreach (var tool in tools)
            _byName[tool.Name] = tool;
    }

    /// <summary>A complete listing (every page): exactly these tools, now current.</summary>
    public void ReplaceAll(IEnumerable<ToolDefinition> tools)
    {
        _byName.Clear();
        Add(tools);
        IsCurrent = true;
    }

    /// <summary><c>notifications/tools/list_changed</c>: what is known may be out of date.</summary>
    public void MarkStale() => IsCurrent = false;

    public ToolDefinition? Find(string name) => _byName.GetValueOrDefault(name);
}
