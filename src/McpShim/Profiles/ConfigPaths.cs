namespace McpShim.Profiles;

/// <summary>Where mcpshim looks for its files (XDG on Unix; see README "Files").</summary>
internal static class ConfigPaths
{
    public const string ConfigEnv = "MCPSHIM_CONFIG";
    public const string AuditEnv = "MCPSHIM_AUDIT_FILE";

    public static string Home =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public static string DefaultProfilesFile =>
        Path.Combine(XdgFolder("XDG_CONFIG_HOME", ".config"), "mcpshim", "profiles.json");

    public static string DefaultAuditFile => Path.Combine(StateFolder, "audit.jsonl");

    /// <summary><c>$XDG_STATE_HOME/mcpshim</c>: the audit file, kept server stderr, update check times.</summary>
    public static string StateFolder =>
        Path.Combine(XdgFolder("XDG_STATE_HOME", Path.Combine(".local", "state")), "mcpshim");

    /// <summary>Each profile's last session stderr (<c>mcpshim logs</c>).</summary>
    public static string LogsFolder => Path.Combine(StateFolder, "logs");

    private static string XdgFolder(string variable, string fallbackUnderHome) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && Path.IsPathRooted(value)
            ? value
            : Path.Combine(Home, fallbackUnderHome);
}
