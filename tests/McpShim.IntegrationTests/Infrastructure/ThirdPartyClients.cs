namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>MCP clients nobody here wrote, installed into tests/clients by ./build.sh test (npm ci).</summary>
internal static class ThirdPartyClients
{
    /// <summary>The official TypeScript inspector's CLI (@modelcontextprotocol/inspector-cli, built on the TS SDK).</summary>
    public static string InspectorCli =>
        Path.Combine(ShimBinary.RepositoryRoot, "tests", "clients", "node_modules", "@modelcontextprotocol", "inspector-cli", "build", "cli.js");

    /// <summary>tests/clients/echo-large.cjs: a TS SDK client that calls 'echo' with a big message.</summary>
    public static string EchoLarge => Path.Combine(ShimBinary.RepositoryRoot, "tests", "clients", "echo-large.cjs");

    /// <summary>Claude Code's CLI (@anthropic-ai/claude-code), linked by its install script to the native binary for this machine.</summary>
    public static string ClaudeCode =>
        Path.Combine(ShimBinary.RepositoryRoot, "tests", "clients", "node_modules", "@anthropic-ai", "claude-code", "bin", "claude.exe");

    /// <summary>Why Claude Code cannot run here, or null.</summary>
    public static string? WhyClaudeCodeMissing =>
        !File.Exists(ClaudeCode) ? $"{ClaudeCode} is missing: run 'npm ci --prefix tests/clients' (./build.sh test does)"
        : new FileInfo(ClaudeCode).Length < 1_000_000 ? $"{ClaudeCode} is the package's placeholder: its install script did not run (npm ci without --ignore-scripts)"
        : null;

    /// <summary>Why the inspector cannot run here, or null.</summary>
    public static string? WhyInspectorMissing =>
        !File.Exists(InspectorCli) ? $"{InspectorCli} is missing: run 'npm ci --prefix tests/clients' (./build.sh test does)"
        : Which("node") is null ? "node is not on PATH"
        : null;

    /// <summary>OpenAI's Codex CLI (@openai/codex, a node launcher for its native binary).</summary>
    public static string Codex => Bin("codex");

    /// <summary>Google's Gemini CLI (@google/gemini-cli).</summary>
    public static string Gemini => Bin("gemini");

    /// <summary>Why a client CLI installed into tests/clients cannot run here, or null.</summary>
    public static string? WhyMissing(string cli) =>
        !File.Exists(cli) ? $"{cli} is missing: run 'npm ci --prefix tests/clients' (./build.sh test does)"
        : Which("node") is null ? "node is not on PATH"
        : null;

    /// <summary>The folder holding node, for a test that hands a client a minimal PATH.</summary>
    public static string NodeFolder => Path.GetDirectoryName(Which("node") ?? "/usr/bin/node")!;

    private static string Bin(string name) => Path.Combine(ShimBinary.RepositoryRoot, "tests", "clients", "node_modules", ".bin", name);

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
