namespace McpShim.ClientConfig;

/// <summary>
/// An MCP client whose configuration file <c>mcpshim config</c> can write (issues 6 and 20): its name on the command
/// line, the file's language, the key holding its servers, and the shape of an entry.
/// </summary>
internal sealed record McpClient(string Name, string DisplayName, IClientFileSyntax Syntax, string ServersKey)
{
    public static readonly McpClient ClaudeDesktop = new("claude-desktop", "Claude Desktop", JsonClientSyntax.Instance, "mcpServers");
    public static readonly McpClient ClaudeCode = new("claude-code", "Claude Code", JsonClientSyntax.Instance, "mcpServers") { StartedFromTerminal = true };
    public static readonly McpClient Cursor = new("cursor", "Cursor", JsonClientSyntax.Instance, "mcpServers");

    /// <summary>VS Code's own format: top-level <c>servers</c>, and <c>type</c> is required (code.visualstudio.com/docs/copilot/reference/mcp-configuration).</summary>
    public static readonly McpClient VsCode = new("vscode", "VS Code", JsonClientSyntax.Instance, "servers") { NeedsStdioType = true };

    /// <summary>Codex CLI: <c>[mcp_servers.NAME]</c> tables in <c>config.toml</c> (developers.openai.com/codex/mcp).</summary>
    public static readonly McpClient Codex = new("codex", "Codex", TomlClientSyntax.Instance, "mcp_servers") { StartedFromTerminal = true };

    /// <summary>Gemini CLI: <c>mcpServers</c> in <c>settings.json</c> (geminicli.com/docs/tools/mcp-server).</summary>
    public static readonly McpClient Gemini = new("gemini", "Gemini CLI", JsonClientSyntax.Instance, "mcpServers") { StartedFromTerminal = true };

    /// <summary>Windsurf: <c>mcpServers</c> in <c>~/.codeium/windsurf/mcp_config.json</c> (docs.windsurf.com, Cascade MCP).</summary>
    public static readonly McpClient Windsurf = new("windsurf", "Windsurf", JsonClientSyntax.Instance, "mcpServers");

    /// <summary>Zed: <c>context_servers</c> in <c>settings.json</c>, a stdio server as <c>command</c>, <c>args</c>, <c>env</c> (zed.dev/docs/ai/mcp).</summary>
    public static readonly McpClient Zed = new("zed", "Zed", JsonClientSyntax.Instance, "context_servers");

    /// <summary>Cline (the VS Code extension): <c>mcpServers</c> in its global storage's <c>cline_mcp_settings.json</c> (docs.cline.bot).</summary>
    public static readonly McpClient Cline = new("cline", "Cline", JsonClientSyntax.Instance, "mcpServers");

    /// <summary>
    /// goose: <c>extensions</c> in <c>config.yaml</c>, each <c>{type: stdio, name, cmd, args, enabled, envs, timeout}</c>
    /// (block.github.io/goose/docs/guides/config-files). Its desktop app reads the same file, so it is a GUI client too.
    /// </summary>
    public static readonly McpClient Goose = new("goose", "goose", YamlClientSyntax.Instance, "extensions") { NeedsStdioType = true, CommandKey = "cmd" };

    public static IReadOnlyList<McpClient> All { get; } = [ClaudeDesktop, ClaudeCode, Cursor, VsCode, Codex, Gemini, Windsurf, Zed, Cline, Goose];

    /// <summary>Whether each entry must say <c>type: stdio</c> (VS Code requires it; goose's entries are tagged by it).</summary>
    public bool NeedsStdioType { get; init; }

    /// <summary>The key naming the program: <c>command</c>, or <c>cmd</c> for goose.</summary>
    public string CommandKey { get; init; } = "command";

    /// <summary>Started from a terminal, so it has the shell's <c>PATH</c> (a bare <c>mcpshim</c> on it is fine).</summary>
    public bool StartedFromTerminal { get; init; }

    public static McpClient? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
