namespace McpShim.Benchmarks;

/// <summary>Where the benchmark finds the fake server and the mcpshim binary.</summary>
internal sealed class RepoLayout
{
    private RepoLayout(string root) => Root = root;

    /// <summary>The folder holding McpShim.sln.</summary>
    public string Root { get; }

    public string FakeServerProject => Path.Combine(Root, "tests", "McpShim.FakeServer", "McpShim.FakeServer.csproj");

    public static RepoLayout Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "McpShim.sln")))
                    return new RepoLayout(dir.FullName);
            }
        }

        throw new BenchmarkFailure(
            $"cannot find the repository (no McpShim.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}); " +
            "run the benchmark from the repository: ./build.sh bench");
    }

    /// <summary>The Release build of fake-mcp-server, built now if it is missing.</summary>
    public string FakeServer()
    {
        var found = FindFakeServer();
        if (found is not null)
            return found;

        Console.Error.WriteLine("fake-mcp-server is not built yet; building it (Release)...");
        var (exitCode, stdout, stderr) = CommandLine.Run("dotnet", "build", FakeServerProject, "-c", "Release", "-nologo", "-v", "q");
        return FindFakeServer()
            ?? throw new BenchmarkFailure($"building {FakeServerProject} failed (exit code {exitCode}):\n{stdout}\n{stderr}");
    }

    /// <summary>MCPSHIM_BINARY, else artifacts/bin/mcpshim; null with the reason when there is none.</summary>
    public string? McpShim(out string reason)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MCPSHIM_BINARY");
        var path = string.IsNullOrEmpty(fromEnvironment) ? Path.Combine(Root, "artifacts", "bin", "mcpshim") : Path.GetFullPath(fromEnvironment);
        if (File.Exists(path))
        {
            reason = "";
            return path;
        }

        reason = string.IsNullOrEmpty(fromEnvironment)
            ? $"{path} does not exist: publish it first with ./build.sh (or set MCPSHIM_BINARY)"
            : $"MCPSHIM_BINARY={fromEnvironment} does not exist";
        return null;
    }

    /// <summary>
    /// MCPSHIM_BENCH_ALSO: more mcpshim binaries to measure in the same rounds, as <c>label=path</c> pairs separated by
    /// <c>;</c> (e.g. <c>main=/tmp/main/mcpshim;pre13=/tmp/pre13/mcpshim</c>).
    /// </summary>
    public static IReadOnlyList<(string Label, string Path)> OtherMcpShims()
    {
        var value = Environment.GetEnvironmentVariable("MCPSHIM_BENCH_ALSO");
        if (string.IsNullOrWhiteSpace(value))
            return [];
        var others = new List<(string, string)>();
        foreach (var pair in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
                throw new BenchmarkFailure($"MCPSHIM_BENCH_ALSO: '{pair}' is not label=path (e.g. main=/tmp/main/mcpshim)");
            others.Add((pair[..equals], System.IO.Path.GetFullPath(pair[(equals + 1)..])));
        }

        return others;
    }

    private string? FindFakeServer()
    {
        var bin = new DirectoryInfo(Path.Combine(Root, "tests", "McpShim.FakeServer", "bin", "Release"));
        if (!bin.Exists)
            return null;
        return bin.EnumerateFiles("fake-mcp-server", SearchOption.AllDirectories)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .FirstOrDefault()?.FullName;
    }
}
