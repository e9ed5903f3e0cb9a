namespace McpShim.Profiles;

/// <summary>A mode as profiles files, labels, the audit and messages spell it: <c>run</c>, <c>exec</c>, <c>local</c>.</summary>
internal static class ProfileModeNames
{
    public static string Name(this ProfileMode mode) => mode switch
    {
        ProfileMode.Run => "run",
        ProfileMode.Exec => "exec",
        ProfileMode.Local => "local",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
