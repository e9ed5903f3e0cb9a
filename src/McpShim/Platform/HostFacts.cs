namespace McpShim.Platform;

/// <summary>
/// What mcpshim asks of the host to find things: which OS, the environment, and whether a file exists. Tests hand in
/// a fake one to cover macOS and Windows on a Linux machine.
/// </summary>
internal sealed record HostFacts(OsKind Os, Func<string, string?> GetEnvironmentVariable, Func<string, bool> FileExists)
{
    public static HostFacts Current { get; } = new(
        OperatingSystem.IsWindows() ? OsKind.Windows : OperatingSystem.IsMacOS() ? OsKind.MacOS : OsKind.Linux,
        Environment.GetEnvironmentVariable,
        File.Exists);

    public char PathListSeparator => Os == OsKind.Windows ? ';' : ':';

    public string Home =>
        GetEnvironmentVariable(Os == OsKind.Windows ? "USERPROFILE" : "HOME") is { Length: > 0 } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Joins paths with this host's separator, whatever machine the code runs on.</summary>
    public string Combine(params string[] parts) =>
        string.Join(Os == OsKind.Windows ? '\\' : '/', parts.Select((p, i) => i == 0 ? p.TrimEnd('/', '\\') : p.Trim('/', '\\')));
}
