using McpShim.Platform;

namespace McpShim.Profiles;

/// <summary>Where mcpshim looks for its files: this OS's folders (see README "Files" and <see cref="IShimFolders"/>).</summary>
internal static class ConfigPaths
{
    public const string ConfigEnv = "MCPSHIM_CONFIG";
    public const string AuditEnv = "MCPSHIM_AUDIT_FILE";

    public static string Home => Folders.Home;

    /// <summary>profiles.json, secrets.env and pins/ (Linux: <c>$XDG_CONFIG_HOME/mcpshim</c>).</summary>
    public static string ConfigFolder => Folders.ConfigFolder;

    /// <summary>What mcpshim writes as it runs: the audit file, kept server stderr, update check times (Linux: <c>$XDG_STATE_HOME/mcpshim</c>).</summary>
    public static string StateFolder => Folders.StateFolder;

    /// <summary>Each profile's last session stderr (<c>mcpshim logs</c>).</summary>
    public static string LogsFolder => Path.Combine(StateFolder, "logs");

    public static string DefaultProfilesFile => Path.Combine(ConfigFolder, "profiles.json");

    public static string DefaultAuditFile => Path.Combine(StateFolder, "audit.jsonl");

    private static IShimFolders Folders => ShimPlatform.Current.Folders;
}
