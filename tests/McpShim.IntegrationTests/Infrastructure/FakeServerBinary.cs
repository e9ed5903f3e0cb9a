namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>The fake MCP server (tests/McpShim.FakeServer), built next to this test project, for local-mode profiles.</summary>
internal static class FakeServerBinary
{
    public static string Path
    {
        get
        {
            var separator = System.IO.Path.DirectorySeparatorChar;
            var folder = AppContext.BaseDirectory.TrimEnd(separator).Replace(
                $"{separator}McpShim.IntegrationTests{separator}", $"{separator}McpShim.FakeServer{separator}", StringComparison.Ordinal);
            var exe = System.IO.Path.Combine(folder, OperatingSystem.IsWindows() ? "fake-mcp-server.exe" : "fake-mcp-server");
            return File.Exists(exe)
                ? exe
                : throw new FileNotFoundException($"the fake server is not built at {exe}; run 'dotnet build tests/McpShim.FakeServer -c Release'.", exe);
        }
    }
}
