using System.Text.Json;

namespace McpShim.ClientConfig;

/// <summary>
/// Finds the entries of a client file whose command is mcpshim (<c>mcpshim</c>, <c>/any/path/mcpshim</c>,
/// <c>mcpshim.exe</c>), for <c>mcpshim doctor</c>. Claude Code's per-project entries in <c>~/.claude.json</c>
/// (<c>projects.PATH.mcpServers</c>) count too. TOML and YAML files are read through their JSON form.
/// </summary>
internal static class ShimEntryReader
{
    public static List<ShimEntry> Read(ClientFile file, string text)
    {
        using var document = file.Client.Syntax.Read(text, file.Path);
        var entries = new List<ShimEntry>();
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            return entries;
        Collect(document.RootElement, file.Client, entries);
        if (file.Client == McpClient.ClaudeCode && document.RootElement.TryGetProperty("projects", out var projects) && projects.ValueKind == JsonValueKind.Object)
        {
            foreach (var project in projects.EnumerateObject())
                Collect(project.Value, file.Client, entries);
        }

        return entries;
    }

    /// <summary>Whether a command names mcpshim, with or without a folder.</summary>
    public static bool IsShim(string command)
    {
        var name = command[(command.LastIndexOfAny(['/', '\\']) + 1)..];
        return name == "mcpshim" || name.Equals("mcpshim.exe", StringComparison.OrdinalIgnoreCase);
    }

    private static void Collect(JsonElement owner, McpClient client, List<ShimEntry> entries)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(client.ServersKey, out var servers) || servers.ValueKind != JsonValueKind.Object)
            return;
        foreach (var server in servers.EnumerateObject())
        {
            if (server.Value.ValueKind == JsonValueKind.Object
                && server.Value.TryGetProperty(client.CommandKey, out var command)
                && command.ValueKind == JsonValueKind.String
                && command.GetString() is { } text
                && IsShim(text))
            {
                entries.Add(new ShimEntry(server.Name, text));
            }
        }
    }
}
