using McpShim.Platform;

namespace McpShim.ClientConfig;

/// <summary>
/// Where each client keeps its MCP servers, per OS: one small table. Sources, checked 2025-2026:
/// <list type="bullet">
/// <item>Claude Desktop: <c>claude_desktop_config.json</c> in <c>~/Library/Application Support/Claude</c> (macOS),
/// <c>%APPDATA%\Claude</c> (Windows), <c>~/.config/Claude</c> (Linux builds) (modelcontextprotocol.io quickstart).</item>
/// <item>Claude Code: user scope in <c>~/.claude.json</c> (top-level <c>mcpServers</c>), project scope in
/// <c>.mcp.json</c> at the project root (code.claude.com/docs/en/mcp, "MCP installation scopes").</item>
/// <item>Cursor: <c>~/.cursor/mcp.json</c> global, <c>.cursor/mcp.json</c> per project (cursor.com/docs/mcp).</item>
/// <item>VS Code: <c>mcp.json</c> in the user profile folder (<c>Code/User</c> under the OS's application data
/// folder), or <c>.vscode/mcp.json</c> in a workspace (code.visualstudio.com/docs/copilot/reference/mcp-configuration).</item>
/// <item>Codex: <c>$CODEX_HOME/config.toml</c>, else <c>~/.codex/config.toml</c>, on every OS (developers.openai.com/codex/config).</item>
/// <item>Gemini CLI: <c>~/.gemini/settings.json</c> (the home being <c>$GEMINI_CLI_HOME</c> when set), or
/// <c>.gemini/settings.json</c> in a project (its docs/reference/configuration.md).</item>
/// <item>Windsurf: <c>~/.codeium/windsurf/mcp_config.json</c> on every OS (docs.windsurf.com, Cascade MCP).</item>
/// <item>Zed: <c>settings.json</c> in <c>$XDG_CONFIG_HOME/zed</c> or <c>~/.config/zed</c> (Linux), <c>~/.config/zed</c>
/// (macOS), <c>%APPDATA%\Zed</c> (Windows) (Zed's crates/paths); <c>.zed/settings.json</c> in a project.</item>
/// <item>Cline: its VS Code global storage, <c>Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json</c>
/// under the application data folder (docs.cline.bot, MCP configuration).</item>
/// <item>goose: <c>config.yaml</c> in <c>~/.config/goose</c> (macOS, Linux; <c>$XDG_CONFIG_HOME/goose</c> on Linux),
/// <c>%APPDATA%\Block\goose\config</c> (Windows) (block.github.io/goose/docs/guides/config-files).</item>
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
        "codex" => apps.Syntax.Combine(apps.FolderFromVariable("CODEX_HOME") ?? apps.Syntax.Combine(apps.Home, ".codex"), "config.toml"),
        "gemini" => apps.Syntax.Combine(apps.FolderFromVariable("GEMINI_CLI_HOME") ?? apps.Home, ".gemini", "settings.json"),
        "windsurf" => apps.Syntax.Combine(apps.Home, ".codeium", "windsurf", "mcp_config.json"),
        "zed" => apps.DotConfig is { } dotConfig
            ? apps.Syntax.Combine(dotConfig, "zed", "settings.json")
            : apps.Syntax.Combine(apps.ApplicationData, "Zed", "settings.json"),
        "cline" => apps.Syntax.Combine(apps.ApplicationData, "Code", "User", "globalStorage", "saoudrizwan.claude-dev", "settings", "cline_mcp_settings.json"),
        "goose" => apps.DotConfig is { } config
            ? apps.Syntax.Combine(config, "goose", "config.yaml")
            : apps.Syntax.Combine(apps.ApplicationData, "Block", "goose", "config", "config.yaml"),
        _ => throw new ArgumentOutOfRangeException(nameof(client), client.Name, "unknown client"),
    };

    /// <summary>The project-level file under <paramref name="projectFolder"/>, or null when the client has none.</summary>
    public static string? ProjectFile(McpClient client, string projectFolder, IClientAppFolders apps) => client.Name switch
    {
        "claude-code" => apps.Syntax.Combine(projectFolder, ".mcp.json"),
        "cursor" => apps.Syntax.Combine(projectFolder, ".cursor", "mcp.json"),
        "vscode" => apps.Syntax.Combine(projectFolder, ".vscode", "mcp.json"),
        "gemini" => apps.Syntax.Combine(projectFolder, ".gemini", "settings.json"),
        "zed" => apps.Syntax.Combine(projectFolder, ".zed", "settings.json"),
        _ => null,
    };

    /// <summary>The files <c>mcpshim doctor</c> reads: each client's user file, and the project files of <paramref name="projectFolder"/>.</summary>
    public static IReadOnlyList<ClientFile> Known(IClientAppFolders apps, string projectFolder) =>
    [
        .. McpClient.All.Select(c => new ClientFile(c, UserFile(c, apps))),
        .. McpClient.All.Select(c => ProjectFile(c, projectFolder, apps) is { } file ? new ClientFile(c, file) : null).OfType<ClientFile>(),
    ];
}
