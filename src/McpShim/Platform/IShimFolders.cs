namespace McpShim.Platform;

/// <summary>Where mcpshim keeps its files on this OS (README "Files"): the folders already end in <c>mcpshim</c>.</summary>
internal interface IShimFolders
{
    /// <summary>The user's home folder (<c>~</c> in profiles).</summary>
    string Home { get; }

    /// <summary>Settings the user writes: profiles.json, secrets.env, pins/.</summary>
    string ConfigFolder { get; }

    /// <summary>What mcpshim writes as it runs: the audit log.</summary>
    string StateFolder { get; }
}
