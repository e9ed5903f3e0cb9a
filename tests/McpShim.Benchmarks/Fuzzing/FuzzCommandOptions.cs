using System.Globalization;

namespace McpShim.Benchmarks.Fuzzing;

/// <summary>The command line of <c>mcpshim-bench fuzz</c>: the long run of issue 13's fuzzer.</summary>
internal sealed class FuzzCommandOptions
{
    public long Frames { get; private init; } = 1_000_000;

    public int Seed { get; private init; } = 13;

    /// <summary>Frames per mcpshim session: every round is judged whole, in memory, so a round stays small.</summary>
    public long RoundFrames { get; private init; } = 20_000;

    public long MaxFrameBytes { get; private init; } = 1024 * 1024;

    public bool Policy { get; private init; } = true;

    public const string Usage = """
        usage: ./build.sh bench fuzz [--frames N] [--seed S] [--round N] [--max-frame-bytes B] [--no-policy]

        Issue 13's seeded fuzzer, long: N mutated MCP frames (default 1000000) through the published mcpshim in a
        local profile into a sink server, in rounds of --round frames (default 20000; round R uses seed S+R), each
        judged by four reader emulations (TypeScript SDK, Python universal newlines, Go Decoder, C# SDK), the audit
        file, stdout and peak RSS. The policy denies delete_all unless --no-policy. Exits 1 when an invariant broke;
        a failing round is reproduced with MCPSHIM_FUZZ_FRAMES=<round> MCPSHIM_FUZZ_SEED=<S+R> and the FuzzSpecs.
        """;

    /// <returns>Null when --help was asked for.</returns>
    public static FuzzCommandOptions? Parse(IReadOnlyList<string> args)
    {
        long frames = 1_000_000, round = 20_000, maxFrameBytes = 1024 * 1024;
        var seed = 13;
        var policy = true;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--frames":
                    frames = Number(args, ref i);
                    break;
                case "--seed":
                    seed = (int)Number(args, ref i);
                    break;
                case "--round":
                    round = Number(args, ref i);
                    break;
                case "--max-frame-bytes":
                    maxFrameBytes = Number(args, ref i);
                    break;
                case "--no-policy":
                    policy = false;
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    throw new ArgumentException($"unknown fuzz option '{args[i]}'");
            }
        }
        if (frames < 1 || round < 1 || maxFrameBytes < 1024)
            throw new ArgumentException("--frames and --round must be positive, --max-frame-bytes at least 1024");
        return new FuzzCommandOptions { Frames = frames, Seed = seed, RoundFrames = round, MaxFrameBytes = maxFrameBytes, Policy = policy };
    }

    private static long Number(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || !long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new ArgumentException($"{args[i]} needs a number");
        i++;
        return value;
    }
}
