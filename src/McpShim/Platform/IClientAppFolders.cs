namespace McpShim.Platform;

/// <summary>
/// What this OS means for the MCP clients whose files <c>mcpshim config</c> and <c>mcpshim doctor</c> read (issue 7):
/// where desktop apps keep their per-user files, and what a client started from the Dock or Start menu gets (its
/// <c>PATH</c>, and the config folder mcpshim then finds).
/// </summary>
internal interface IClientAppFolders
{
    PathSyntax Syntax { get; }

    /// <summary>The user's home folder (Claude Code and Cursor keep their files here).</summary>
    string Home { get; }

    /// <summary>Where desktop (Electron) apps keep per-user data: Claude Desktop's <c>Claude</c>, VS Code's <c>Code/User</c>.</summary>
    string ApplicationData { get; }

    /// <summary>
    /// Where cross-platform tools keep their settings as on Linux (Zed, goose): <c>$XDG_CONFIG_HOME</c> (else
    /// <c>~/.config</c>) on Linux, <c>~/.config</c> on macOS; null on Windows, where they use <see cref="ApplicationData"/>.
    /// </summary>
    string? DotConfig { get; }

    /// <summary>The folder an environment variable names (<c>CODEX_HOME</c>, <c>GEMINI_CLI_HOME</c>) when set to an absolute path, else null.</summary>
    string? FolderFromVariable(string variable);

    /// <summary>The <c>PATH</c> a client started from the Dock or Start menu gets.</summary>
    string GuiPath { get; }

    /// <summary>
    /// The config folder mcpshim finds when such a client starts it without <c>--config</c>: that client's environment
    /// has the home folder (and on Windows <c>%APPDATA%</c>) but none of the XDG variables a login shell may set.
    /// </summary>
    string GuiConfigFolder { get; }

    /// <summary>The file names a bare command may have in a <c>PATH</c> folder, in the order they are tried.</summary>
    IReadOnlyList<string> CommandFileNames(string command);
}
