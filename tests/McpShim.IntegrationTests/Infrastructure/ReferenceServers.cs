namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// MCP servers run on the host by the sandbox specs: the official filesystem and everything servers (node, installed
/// into tests/clients by npm ci) and Servers/hostile_server.py, a server that tries what a compromised one would.
/// </summary>
internal static class ReferenceServers
{
    private static string Bin(string name) => Path.Combine(ShimBinary.RepositoryRoot, "tests", "clients", "node_modules", ".bin", name);

    public static string Filesystem => Bin("mcp-server-filesystem");

    public static string Everything => Bin("mcp-server-everything");

    public static string Hostile => Path.Combine(ShimBinary.RepositoryRoot, "tests", "McpShim.IntegrationTests", "Servers", "hostile_server.py");

    /// <summary>The system's python3 (a per-user one under a fake HOME would lie in a refused folder).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static string? WhyMissing =>
        !File.Exists(Filesystem) || !File.Exists(Everything) ? $"{Filesystem} is missing: run 'npm ci --prefix tests/clients' (./build.sh test does)"
        : !File.Exists("/usr/bin/node") && Which("node") is null ? "node is not on PATH"
        : !File.Exists("/usr/bin/python3") && Which("python3") is null ? "python3 is not on PATH"
        : null;

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
