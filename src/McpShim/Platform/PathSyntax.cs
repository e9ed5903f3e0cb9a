namespace McpShim.Platform;

/// <summary>
/// How one OS spells paths and environment names, whatever machine the code runs on (so a test on Linux can build
/// Windows paths).
/// </summary>
internal sealed class PathSyntax
{
    private PathSyntax(char separator, char listSeparator, StringComparer names)
    {
        Separator = separator;
        ListSeparator = listSeparator;
        EnvironmentNames = names;
        Paths = names;
    }

    public static PathSyntax Unix { get; } = new('/', ':', StringComparer.Ordinal);

    public static PathSyntax Windows { get; } = new('\\', ';', StringComparer.OrdinalIgnoreCase);

    public char Separator { get; }

    /// <summary>What separates PATH entries.</summary>
    public char ListSeparator { get; }

    /// <summary>Environment variable names are case-insensitive on Windows only.</summary>
    public StringComparer EnvironmentNames { get; }

    /// <summary>Paths are case-insensitive on Windows (NTFS as usually set up), case-sensitive on Unix.</summary>
    public StringComparer Paths { get; }

    public string Combine(params string[] parts) =>
        string.Join(Separator, parts.Select((p, i) => i == 0 ? p.TrimEnd('/', '\\') : p.Trim('/', '\\')));

    /// <summary>An absolute path in this syntax (<c>/x</c>; <c>C:\x</c> or <c>\\server\share</c> on Windows).</summary>
    public bool IsRooted(string path) =>
        Separator == '/'
            ? path.StartsWith('/')
            : (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/') || path.StartsWith(@"\\", StringComparison.Ordinal);
}
