using McpShim.Platform;

namespace McpShim.ClientConfig;

/// <summary>
/// Where each client keeps its MCP servers, per OS: one small table. Sources, checked 2025:
/// <list type="bullet">
/// <item>Claude Desktop: <c>claude_desktop_config.json</c> in <c>~/Library/Application Support/Claude</c> (macOS),
/// <c>%APPDATA%\Claude</c> (Windows), <c>~/.config/Claude</c> (Linux builds) (modelcontextprotocol.io quickstart).</item>
/// <item>Claude Code: user scope in <c>~/.claude.json</c> (top-level <c>mcpServers</c>), project scope in
/// <c>.mcp.json</c> at the project root (code.claude.com/docs/en/mcp, "MCP installation scopes").</item>
/// <item>Cursor: <c>~/.cursor/mcp.json</c> global, <c>.cursor/mcp.json</c> per project (cursor.com/docs/mcp).</item>
/// <item>VS Code: <c>mcp.json</c> in the user profile folder (<c>Code/User</c> under the OS's application data
/// folder), or <c>.vscode/mcp.json</c> in a workspace (code.visualstudio.com/docs/copilot/reference/mcp-configuration).</item>
/// </list>
/// Per-OS folders come from <see cref="HostFacts"/>, so tests cover macOS and Windows on Linux.
/// </summary>
internal static class ClientFileLocations
{
    /// <summary>The user-level file of <paramref name="client"/> on this host.</summary>
    public static string UserFile(McpClient client, HostFacts host)
    {
        var home = host.Home;
        var appData = AppDataFolder(host);
        return client.Name switch
        {
            "claude-desktop" => host.Combine(appData, "Claude", "claude_desktop_config.json"),
            "claude-code" => host.Combine(home, ".claude.json"),
            "cursor" => host.Combine(home, ".cursor", "mcp.json"),
            "vscode" => host.Combine(appData, "Code", "User", "mcp.json"),
            _ => throw new ArgumentOutOfRangeException(nameof(client), client.Name, "unknown client"),
        };
    }

    /// <summary>The project-level file under <paramref name="projectFolder"/>, or null when the client has none (Claude Desktop).</summary>
    public static string? ProjectFile(McpClient client, string projectFolder, HostFacts host) => client.Name switch
    {
        "claude-code" => host.Combine(projectFolder, ".mcp.json"),
        "cursor" => host.Combine(projectFolder, ".cursor", "mcp.json"),
        "vscode" => host.Combine(projectFolder, ".vscode", "mcp.json"),
        _ => null,
    };

    /// <summary>The files <c>mcpshim doctor</c> reads: each client's user file, and the project files of <paramref name="projectFolder"/>.</summary>
    public static IReadOnlyList<ClientFile> Known(HostFacts host, string projectFolder) =>
    [
        .. McpClient.All.Select(c => new ClientFile(c, UserFile(c, host))),
        .. McpClient.All.Select(c => ProjectFile(c, projectFolder, host) is { } file ? new ClientFile(c, file) : null).OfType<ClientFile>(),
    ];

    /// <summary>
    /// The <c>PATH</c> a client started from the Dock or Start menu gets: launchd's minimal one on macOS, systemd's
    /// default on Linux (a desktop session may add more, but cannot be counted on), the user's own on Windows.
    /// </summary>
    public static string GuiPath(HostFacts host) => host.Os switch
    {
        OsKind.MacOS => "/usr/bin:/bin:/usr/sbin:/sbin",
        OsKind.Linux => "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        _ => host.GetEnvironmentVariable("PATH") ?? string.Empty,
    };

    /// <summary>Electron apps keep their data here: <c>~/Library/Application Support</c>, <c>%APPDATA%</c>, <c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>.</summary>
    private static string AppDataFolder(HostFacts host) => host.Os switch
    {
        OsKind.MacOS => host.Combine(host.Home, "Library", "Application Support"),
        OsKind.Windows => host.GetEnvironmentVariable("APPDATA") is { Length: > 0 } appData
            ? appData
            : host.Combine(host.Home, "AppData", "Roaming"),
        _ => host.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg && xdg.StartsWith('/')
            ? xdg
            : host.Combine(host.Home, ".config"),
    };
}
