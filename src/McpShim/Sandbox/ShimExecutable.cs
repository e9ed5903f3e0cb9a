namespace McpShim.Sandbox;

/// <summary>
/// mcpshim's own executable, which the sandbox re-executes in its hidden roles: the running binary (the native AOT
/// build), or when mcpshim runs inside another process (the unit tests) the app host built beside it.
/// </summary>
internal static class ShimExecutable
{
    private static readonly string[] HostNames = ["mcpshim", "mcpshim.exe"];

    public static string? Path { get; } = Find();

    private static string? Find()
    {
        if (Environment.ProcessPath is { } process && System.IO.Path.GetFileNameWithoutExtension(process) == "mcpshim")
            return process;
        return HostNames.Select(name => System.IO.Path.Combine(AppContext.BaseDirectory, name)).FirstOrDefault(File.Exists);
    }
}
