namespace McpShim.Platform;

/// <summary>A path with every symlink and <c>..</c> resolved: what a bind mount would really expose.</summary>
internal static class RealPath
{
    /// <summary>The real path, or null when the path does not exist.</summary>
    public static string? Of(string path) => ShimPlatform.Current.Files.RealPath(path);

    /// <summary>The real path when it exists, else the path made absolute (for paths that may not exist yet).</summary>
    public static string OfOrFull(string path) => Of(path) ?? Path.GetFullPath(path);

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or lies under it (both real paths).</summary>
    public static bool IsWithin(string path, string root)
    {
        if (root == "/")
            return path.StartsWith('/');
        return path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
    }
}
