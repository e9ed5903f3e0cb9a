namespace McpShim.Platform;

/// <summary>The host families whose conventions differ (folders, engine install places, file permissions).</summary>
internal enum OsKind
{
    Linux,
    MacOS,
    Windows,
}
