namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A real MCP server that reads stdin one mainstream way, run by mcpshim in a <c>local</c> profile. Each records every
/// tools/call it executes as {"reader","tool","id"} in the file named by MCPSHIM_DIFF_CALLS.
/// </summary>
internal sealed record ReaderServer(string Name, IReadOnlyList<string> Command)
{
    public const string CallsVariable = "MCPSHIM_DIFF_CALLS";

    public static readonly string TypeScriptSdk = "typescript-sdk";
    public static readonly string PythonUniversalNewline = "python-universal-newline";
    public static readonly string GoDecoder = "go-decoder";
    public static readonly string CSharpSdk = "csharp-sdk";

    public static IReadOnlyList<string> Names { get; } = [TypeScriptSdk, PythonUniversalNewline, GoDecoder, CSharpSdk];

    /// <summary>Theory data: one row per reader.</summary>
    public static TheoryData<string> Each => new(Names);

    private static string Root => ShimBinary.RepositoryRoot;

    /// <summary>tests/McpShim.IntegrationTests/Readers, where the Python servers live.</summary>
    public static string ScriptsFolder => Path.Combine(Root, "tests", "McpShim.IntegrationTests", "Readers");

    public static ReaderServer Named(string name) => name switch
    {
        "typescript-sdk" => new(name, [Require("node"), Path.Combine(Root, "tests", "clients", "differential-ts-server.cjs")]),
        "python-universal-newline" => new(name, [Python, Path.Combine(ScriptsFolder, "python-universal-newline-server.py")]),
        "go-decoder" => new(name, [Python, Path.Combine(ScriptsFolder, "go-decoder-server.py")]),
        "csharp-sdk" => new(name, [CSharpSdkServerPath]),
        _ => throw new ArgumentException($"no reader server '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>A script under Readers/ run by python3 (the hostile server, the fuzzer's sink).</summary>
    public static IReadOnlyList<string> PythonScript(string file) => [Python, Path.Combine(ScriptsFolder, file)];

    /// <summary>Why the reader servers cannot all run here, or null.</summary>
    public static string? WhyMissing =>
        Which("python3") is null ? "python3 is not on PATH"
        : Which("node") is null ? "node is not on PATH"
        : !Directory.Exists(Path.Combine(Root, "tests", "clients", "node_modules", "@modelcontextprotocol", "sdk"))
            ? "tests/clients/node_modules is missing: run 'npm ci --prefix tests/clients' (./build.sh test does)"
        : !File.Exists(CSharpSdkServerPath) ? $"{CSharpSdkServerPath} is missing: build McpShim.sln in the same configuration"
        : null;

    /// <summary>tests/McpShim.SdkServer's build output, in the configuration and framework this test assembly has.</summary>
    public static string CSharpSdkServerPath
    {
        get
        {
            // bin/<Configuration>/<framework>/ of this assembly, mirrored in the server's project folder.
            var framework = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = framework.Parent!;
            return Path.Combine(Root, "tests", "McpShim.SdkServer", "bin", configuration.Name, framework.Name, "differential-sdk-server");
        }
    }

    private static readonly Lazy<string> PythonExecutable = new(() =>
    {
        // The interpreter itself, not a version manager's shim in front of it (pyenv's adds ~0.3 s per start).
        var python3 = Require("python3");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(python3, ["-c", "import sys; print(sys.executable)"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var executable = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return File.Exists(executable) ? executable : python3;
    });

    private static string Python => PythonExecutable.Value;

    private static string Require(string program) =>
        Which(program) ?? throw new InvalidOperationException($"{program} is not on PATH; the differential suite needs it");

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
