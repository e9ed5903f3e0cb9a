namespace McpShim.Benchmarks;

/// <summary>The benchmark's command line and the iteration counts it implies.</summary>
internal sealed class BenchmarkOptions
{
    public bool Quick { get; private init; }

    public bool Markdown { get; private init; }

    public bool SkipDocker { get; private init; }

    /// <summary>Only set-up G, runc vs runsc (issue 19): minutes of containers without the rest.</summary>
    public bool OnlyRuntimes { get; private init; }

    /// <summary>Only set-ups B/S, local mode without and with the host sandbox (issue 16).</summary>
    public bool OnlySandbox { get; private init; }

    /// <summary>Also measure set-up R, the floor relay (on by default; --no-floor skips it).</summary>
    public bool Floor { get; private init; } = true;

    public int PingWarmUp => Quick ? 300 : 2_000;

    public int Pings => Quick ? 1_000 : 10_000;

    public int PipelinedPings => Quick ? 5_000 : 50_000;

    public int PipelinedRounds => Quick ? 3 : 9;

    public int EchoWarmUp => Quick ? 1 : 3;

    public int OneMiBEchoes => Quick ? 5 : 40;

    public int SixteenMiBEchoes => Quick ? 3 : 10;

    /// <summary>Echo calls written back to back per round of the throughput measurement, by payload size in MiB.</summary>
    public int PipelinedEchoes(int mib) => mib >= 16 ? (Quick ? 2 : 6) : (Quick ? 8 : 32);

    public int PipelinedEchoRounds => Quick ? 3 : 9;

    public int Spawns => Quick ? 5 : OnlySandbox ? 40 : 20;

    public int DockerPings => Quick ? 300 : 3_000;

    public int DockerSpawns => Quick ? 3 : 10;

    public const string Usage = """
        usage: dotnet run -c Release --project tests/McpShim.Benchmarks -- [--quick] [--markdown] [--no-docker] [--runtimes] [--sandbox]

        Runs the same client against (A) fake-mcp-server directly, (B) mcpshim in local mode in front of it and
        (C) docker exec vs mcpshim exec mode against mcpshim/everything:latest, (G) mcpshim run mode under runc vs
        gVisor's runsc, taking turns round by round, and
        prints each comparison as the median of the per-round comparisons.

          --quick      fewer iterations (a smoke run, numbers are noisy)
          --markdown   print the tables as markdown
          --no-docker  skip set-ups C and G
          --runtimes   only set-up G: the same run-mode profile under runc and under runsc (skipped without runsc)
          --sandbox    only set-ups B/S: local mode without and with the host sandbox, 40 rounds
          --no-floor   skip set-up R: a bare C copy loop (built with cc) in mcpshim's place, measured in the same
                       rounds as A and B: the floor of any relay on this machine, for scale
        Env: MCPSHIM_BINARY (default artifacts/bin/mcpshim); MCPSHIM_BENCH_POLICY, a "policy" object for set-up B's
        profile, e.g. '{"tools":{"deny":["store"]},"validateArguments":true}' (what a policy costs frames it does not touch).
        MCPSHIM_BENCH_ALSO='label=path;label=path': more mcpshim binaries measured in the same rounds (B1, B2...), for a
        before/after comparison in one run.
        """;

    /// <returns>Null when --help was asked for.</returns>
    public static BenchmarkOptions? Parse(string[] args)
    {
        bool quick = false, markdown = false, skipDocker = false, floor = true, onlyRuntimes = false, onlySandbox = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--quick":
                    quick = true;
                    break;
                case "--markdown":
                    markdown = true;
                    break;
                case "--no-docker":
                    skipDocker = true;
                    break;
                case "--runtimes":
                    onlyRuntimes = true;
                    break;
                case "--sandbox":
                    onlySandbox = true;
                    break;
                case "--no-floor":
                    floor = false;
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    throw new ArgumentException($"unknown option '{arg}'");
            }
        }

        return new BenchmarkOptions { Quick = quick, Markdown = markdown, SkipDocker = skipDocker, Floor = floor, OnlyRuntimes = onlyRuntimes, OnlySandbox = onlySandbox };
    }
}
