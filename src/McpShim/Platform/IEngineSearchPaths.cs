namespace McpShim.Platform;

/// <summary>
/// Where this OS's engine CLIs install themselves outside a login shell's PATH, and what their files are called
/// (documented in README "When a GUI client starts mcpshim").
/// </summary>
internal interface IEngineSearchPaths
{
    PathSyntax Syntax { get; }

    /// <summary>The well-known install folders, in the order they are tried after PATH.</summary>
    IEnumerable<string> WellKnownFolders { get; }

    /// <summary>
    /// Where Docker's engine listens by default here when neither DOCKER_HOST nor a context says otherwise, or null
    /// when it is not a Unix socket (Windows: a named pipe).
    /// </summary>
    string? DefaultDockerSocket { get; }

    /// <summary>The file names an engine called <paramref name="engine"/> may have here.</summary>
    IReadOnlyList<string> ExecutableNames(string engine);
}
