namespace McpShim.Sandbox;

/// <summary>
/// mcpshim's own executable, which the sandbox re-executes in its hidden roles: the running binary (the native AOT
/// build), or when mcpshim runs inside another process (the unit tests) the app host built beside it.
/// </summary>
internal static class ShimExecutable
{
    private static readonly string[] HostNames = ["mcpshim", "mcpshim.exe"];

    /// <summary>Names the launcher to use instead of the one beside mcpshim: a path, or <c>self</c> for mcpshim's own role.</summary>
    public const string LauncherEnv = "MCPSHIM_SANDBOX_LAUNCHER";

    /// <summary>The separate launcher's file name (<c>src/McpShim.SandboxLauncher</c>).</summary>
    public const string LauncherName = "mcpshim-sandbox";

    public static string? Path { get; } = Find();

    /// <summary>
    /// What starts a sandboxed server: <c>mcpshim-sandbox</c> beside mcpshim (a small C program that starts in about a
    /// millisecond) when it is there, else mcpshim itself in its hidden role (SandboxExec). Both run the same compiled rules.
    /// </summary>
    public static string? Launcher(Func<string, string?> environment)
    {
        if (environment(LauncherEnv) is { Length: > 0 } chosen)
            return chosen == "self" ? Path : chosen;
        if (Path is null)
            return null;
        var beside = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, LauncherName);
        return File.Exists(beside) ? beside : Path;
    }

    private static string? Find()
    {
        // The native build is this process, whatever its file is called (a download renamed mcpshim-linux-x64, say).
        if (Environment.ProcessPath is { } process &&
            (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled || System.IO.Path.GetFileNameWithoutExtension(process) == "mcpshim"))
            return process;
        return HostNames.Select(name => System.IO.Path.Combine(AppContext.BaseDirectory, name)).FirstOrDefault(File.Exists);
    }
}
