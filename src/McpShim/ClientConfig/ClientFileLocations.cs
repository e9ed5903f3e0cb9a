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
/// Per-OS folders come from the platform's <see cref="IClientAppFolders"/>, so tests cover macOS and Windows on Linux.
/// </summary>
internal static class ClientFileLocations
{
    /// <summary>The user-level file of <paramref name="client"/> on this host.</summary>
    public static string UserFile(McpClient client, IClientAppFolders apps) => client.Name switch
    {
        "claude-desktop" => apps.Syntax.Combine(apps.ApplicationData, "Claude", "claude_desktop_config.json"),
        "claude-code" => apps.Syntax.Combine(apps.Home, ".claude.json"),
        "cursor" => apps.Syntax.Combine(apps.Home, ".cursor", "mcp.json"),
        "vscode" => apps.Syntax.Combine(apps.ApplicationData, "Code", "User", "mcp.json"),
        _ => throw new ArgumentOutOfRangeException(nameof(client), client.Name, "unknown client"),
    };

    /// <summary>The project-level file under <paramref name="projectFolder"/>, or null when the client has none (Claude Desktop).</summary>
    public static string? ProjectFile(McpClient client, string projectFolder, IClientAppFolders apps) => client.Name switch
    {
        "claude-code" => apps.Syntax.Combine(projectFolder, ".mcp.json"),
        "cursor" => apps.Syntax.Combine(projectFolder, ".cursor", "mcp.json"),
        "vscode" => apps.Syntax.Combine(projectFolder, ".vscode", "mcp.json"),
        _ => null,
    };

    /// <summary>The files <c>mcpshim doctor</c> reads: each client's user file, and the project files of <paramref name="projectFolder"/>.</summary>
    public static IReadOnlyList<ClientFile> Known(IClientAppFolders apps, string projectFolder) =>
    [
        .. McpClient.All.Select(c => new ClientFile(c, UserFile(c, apps))),
        .. McpClient.All.Select(c => ProjectFile(c, projectFolder, apps) is { } file ? new ClientFile(c, file) : null).OfType<ClientFile>(),
    ];
}
