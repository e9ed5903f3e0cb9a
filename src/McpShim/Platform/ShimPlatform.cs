namespace McpShim.Platform;

/// <summary>
/// Every OS-specific part of mcpshim, each behind its own small interface, chosen once by <see cref="PlatformFactory"/>.
/// The rest of the code uses these and never asks which OS it runs on.
/// </summary>
internal sealed class ShimPlatform
{
    /// <summary>The parts for the OS this process runs on.</summary>
    public static ShimPlatform Current { get; } = PlatformFactory.ForThisHost();

    /// <summary>For messages: linux, macos, windows.</summary>
    public required string Name { get; init; }

    public required IHostEnvironment Host { get; init; }

    public required PathSyntax Syntax { get; init; }

    public required IShimFolders Folders { get; init; }

    public required IEngineSearchPaths EngineSearch { get; init; }

    public required IFileAccess Files { get; init; }

    /// <summary>Device and inode of files, to compare a bind mount with the folder that was checked (issue 14).</summary>
    public required IFileIdentities Identities { get; init; }

    public required IHostSecretFolders SecretFolders { get; init; }

    public required ISignalSource Signals { get; init; }

    public required IProcessHost Processes { get; init; }

    /// <summary>Where MCP clients keep their files here, and what a GUI-launched client gets (issue 7).</summary>
    public required IClientAppFolders ClientApps { get; init; }

    /// <summary>How a local server runs sandboxed here, if it can (issue 16).</summary>
    public required IHostSandbox Sandbox { get; init; }
}
