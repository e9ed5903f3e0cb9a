namespace McpShim.Profiles;

/// <summary>
/// Paths inside the container that reach the engine (a volume's <c>container</c>, <c>workdir</c>): absolute, free of
/// control characters and commas (the engine CLI's <c>--mount</c> separator), no <c>..</c>, and written one way
/// (<c>/a//b/./c/</c> is <c>/a/b/c</c>), so what mcpshim checks is what the engine reads.
/// </summary>
internal static class ContainerPaths
{
    /// <summary>The normalised path, or null with <paramref name="problem"/> saying what is wrong and the fix.</summary>
    public static string? Normalise(string? path, bool rootAllowed, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/'))
        {
            problem = "must be an absolute path inside the container, e.g. \"/workspace\".";
            return null;
        }

        if (ControlCharacters.In(path))
        {
            problem = $"'{ControlCharacters.Escape(path)}' holds a control character (a newline, a tab...); write the path without it, e.g. \"/workspace\".";
            return null;
        }

        if (path.Contains(',', StringComparison.Ordinal) || path.Contains('"', StringComparison.Ordinal))
        {
            problem = $"'{path}' holds a ',' or '\"', which the engine CLI reads as the start of another mount option; choose a path without them, e.g. \"/workspace\".";
            return null;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Contains(".."))
        {
            problem = $"'{path}' holds a '..' segment; write the path it means without it, e.g. \"/workspace\".";
            return null;
        }

        if (segments.Count == 0 && !rootAllowed)
        {
            problem = "is the container's root '/'; mount at a folder inside it, e.g. \"/workspace\".";
            return null;
        }

        return "/" + string.Join('/', segments);
    }
}
