namespace McpShim.Tests.Support;

/// <summary>Where the repository's build outputs are, from the test assembly's own folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The fake MCP server built next to this test project (same configuration and framework).</summary>
    public static string FakeServer
    {
        get
        {
            var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var path = testOutput.Replace(
                $"{Path.DirectorySeparatorChar}McpShim.Tests{Path.DirectorySeparatorChar}",
                $"{Path.DirectorySeparatorChar}McpShim.FakeServer{Path.DirectorySeparatorChar}",
                StringComparison.Ordinal);
            var exe = Path.Combine(path, OperatingSystem.IsWindows() ? "fake-mcp-server.exe" : "fake-mcp-server");
            return File.Exists(exe)
                ? exe
                : throw new FileNotFoundException($"fake server not built at {exe}; run 'dotnet build tests/McpShim.FakeServer'.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "McpShim.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("McpShim.sln not found above " + AppContext.BaseDirectory);
    }
}
