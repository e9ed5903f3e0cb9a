namespace McpShim.Profiles;

/// <summary>Expands <c>~</c> and makes relative paths absolute against the profiles file's folder.</summary>
internal static class PathExpander
{
    public static string Expand(string path, string baseFolder)
    {
        if (path == "~")
            return ConfigPaths.Home;
        if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
            return Path.GetFullPath(Path.Combine(ConfigPaths.Home, path[2..]));
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseFolder, path));
    }

    /// <summary>Whether a command word is a path (to resolve) rather than a name to look up on PATH.</summary>
    public static bool LooksLikePath(string word) =>
        word.StartsWith('~') || word.StartsWith('.') || word.Contains('/') || word.Contains('\\');
}
