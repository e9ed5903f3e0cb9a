namespace McpShim.ClientConfig;

/// <summary>
/// An MCP client whose configuration file <c>mcpshim config</c> can write (issue 6): its name on the command line,
/// the key holding its servers, and whether each entry needs <c>"type": "stdio"</c>.
/// </summary>
internal sealed record McpClient(string Name, string DisplayName, string ServersKey, bool NeedsStdioType)
{
    public static readonly McpClient ClaudeDesktop = new("claude-desktop", "Claude Desktop", "mcpServers", false);
    public static readonly McpClient ClaudeCode = new("claude-code", "Claude Code", "mcpServers", false);
    public static readonly McpClient Cursor = new("cursor", "Cursor", "mcpServers", false);

    /// <summary>VS Code's own format: top-level <c>servers</c>, and <c>type</c> is required (code.visualstudio.com/docs/copilot/reference/mcp-configuration).</summary>
    public static readonly McpClient VsCode = new("vscode", "VS Code", "servers", true);

    public static IReadOnlyList<McpClient> All { get; } = [ClaudeDesktop, ClaudeCode, Cursor, VsCode];

    public static McpClient? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
