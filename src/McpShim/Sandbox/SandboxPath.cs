namespace McpShim.Sandbox;

/// <summary>One Landlock (or Seatbelt) rule: what the server may do under <see cref="Path"/>.</summary>
internal sealed class SandboxPath
{
    public required string Path { get; init; }

    public required SandboxAccess Access { get; init; }

    /// <summary>
    /// Opened without following any symlink (openat2 RESOLVE_NO_SYMLINKS): entries of a volume the server may have
    /// written itself, which a swapped-in link must not redirect to somewhere else.
    /// </summary>
    public bool Exact { get; init; }

    /// <summary>Why the rule exists, for <c>mcpshim show</c>: system, command, volume, hostReadable, scratch.</summary>
    public string Reason { get; init; } = string.Empty;
}
