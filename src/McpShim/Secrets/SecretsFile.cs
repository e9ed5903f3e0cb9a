using McpShim.Profiles;

namespace McpShim.Secrets;

/// <summary>
/// The secrets file (<c>NAME=value</c> lines, <c>#</c> comments, optional <c>export </c>, optional quotes): the place
/// for tokens that should not sit in any profile or MCP client configuration. It must be mode 0600 or stricter.
/// </summary>
internal static class SecretsFile
{
    public static string DefaultPath =>
        Path.Combine(Path.GetDirectoryName(ConfigPaths.DefaultProfilesFile)!, "secrets.env");

    /// <summary>The file's entries; empty when it does not exist.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return values;
        FileModeCheck.RefuseReadableByOthers(path, "secrets file");
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("export ", StringComparison.Ordinal))
                line = line[7..].TrimStart();
            var equals = line.IndexOf('=');
            if (equals <= 0)
                throw new ConfigException($"{path}: line {number}: expected NAME=value (the value is not shown here).");
            var name = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
                value = value[1..^1];
            values[name] = value;
        }

        return values;
    }
}
