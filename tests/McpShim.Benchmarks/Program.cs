using McpShim.Benchmarks;
using McpShim.Benchmarks.Fuzzing;
using McpShim.Benchmarks.Reporting;

// `fuzz`: issue 13's fuzzer, long (not a benchmark: it exits 1 when an invariant broke).
if (args.Length > 0 && args[0] == "fuzz")
{
    FuzzCommandOptions? fuzz;
    try
    {
        fuzz = FuzzCommandOptions.Parse(args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(FuzzCommandOptions.Usage);
        return 2;
    }
    if (fuzz is null)
    {
        Console.WriteLine(FuzzCommandOptions.Usage);
        return 0;
    }
    return await FuzzCommand.RunAsync(fuzz, RepoLayout.Find());
}

// Side-by-side latency, throughput, cold start and memory of mcpshim vs talking to the server directly.
// Not a test: it prints numbers next to their targets and exits 0 unless it crashes.
BenchmarkOptions? options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

var layout = RepoLayout.Find();
var fakeServer = layout.FakeServer();
var mcpshim = layout.McpShim(out var mcpshimMissing);
var workDir = Directory.CreateTempSubdirectory("mcpshim-bench-").FullName;
try
{
    var tables = new List<ResultTable>();
    if (options.OnlySandbox)
    {
        tables.Add(new SandboxComparison(options, mcpshim, mcpshimMissing, fakeServer, workDir).Run());
    }
    else if (!options.OnlyRuntimes)
    {
        List<MiddleMan> middles = [MiddleMan.McpShim(mcpshim, mcpshimMissing, fakeServer, workDir)];
        // Other mcpshim binaries (an older build, say) measured in the same rounds: before/after in one run.
        foreach (var (label, path, i) in RepoLayout.OtherMcpShims().Select((o, i) => (o.Label, o.Path, i)))
        {
            var missing = File.Exists(path) ? "" : $"MCPSHIM_BENCH_ALSO names {path}, which does not exist";
            middles.Add(MiddleMan.McpShim(File.Exists(path) ? path : null, missing, fakeServer, workDir, $"B{i + 1}", label));
        }

        if (options.Floor)
        {
            var relay = McpShim.Benchmarks.FloorRelay.FloorRelayBuild.TryBuild(workDir, out var whyNot);
            middles.Add(MiddleMan.Floor(relay, whyNot, fakeServer, Path.Combine(workDir, "first-frame-r.txt")));
        }

        tables.Add(new LocalComparison(options, fakeServer, middles, workDir).Run());
        tables.Add(new SandboxComparison(options, mcpshim, mcpshimMissing, fakeServer, workDir).Run());
        tables.Add(new DockerComparison(options, mcpshim, mcpshimMissing, workDir).Run());
    }

    if (!options.SkipDocker && !options.OnlySandbox)
        tables.Add(new RuntimeComparison(options, mcpshim, mcpshimMissing, workDir).Run());
    Console.WriteLine(Report.Render(options, fakeServer, mcpshim, tables));
}
finally
{
    Directory.Delete(workDir, recursive: true);
}

return 0;
