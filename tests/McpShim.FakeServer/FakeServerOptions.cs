using System.Globalization;

namespace McpShim.FakeServer;

/// <summary>The command line of <c>fake-mcp-server</c>; README.md in this folder lists what each option does.</summary>
internal sealed class FakeServerOptions
{
    public string Mode { get; private set; } = "echo";

    /// <summary>Exit with code 3 on receiving this many requests (the last one is never answered).</summary>
    public int? CrashAfter { get; private set; }

    public bool IgnoreEof { get; private set; }

    public long FloodStderrBytes { get; private set; }

    public bool GarbageStdout { get; private set; }

    public string? StdoutBeforeInit { get; private set; }

    public int DelayStartMs { get; private set; }

    public int ExitCode { get; private set; }

    public string? RecordFile { get; private set; }

    /// <summary>tools/list results carry 2026-07-28's resultType, ttlMs and cacheScope.</summary>
    public bool Cacheable { get; private set; }

    /// <summary>
    /// Speaks 2026-07-28 too: answers <c>server/discover</c>, and every result carries <c>resultType</c> (and
    /// tools/list <c>ttlMs</c>, <c>cacheScope</c>); <c>initialize</c> is still answered, as a dual-era server does.
    /// </summary>
    public bool Stateless { get; private set; }

    /// <summary>With <see cref="Stateless"/>: tool results lack <c>resultType</c>, and the first one is preceded by a request to the client.</summary>
    public bool StatelessViolations { get; private set; }

    /// <summary>Appends every frame read, as it came, one per line: what reached the server.</summary>
    public string? FramesFile { get; private set; }

    public int? ToolsChangeAfter { get; private set; }

    /// <summary>tools/list answers in pages of this many tools.</summary>
    public int? PageSize { get; private set; }

    /// <summary>Adds the tool 'store', whose inputSchema uses each keyword the relay's argument validation covers.</summary>
    public bool StoreTool { get; private set; }

    /// <summary>Another description for 'echo': the same server with a changed tool definition.</summary>
    public string? EchoDescription { get; private set; }

    /// <summary>Plays the hostile server of issue 13: sends elicitation/create under ids guessed from mcpshim's own.</summary>
    public bool GuessShimIds { get; private set; }

    public static FakeServerOptions Parse(string[] args)
    {
        var options = new FakeServerOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--mode":
                    options.Mode = Value(args, ref i);
                    if (options.Mode != "echo")
                        throw new ArgumentException($"unknown --mode '{options.Mode}' (known: echo)");
                    break;
                case "--crash-after":
                    options.CrashAfter = Number(args, ref i);
                    break;
                case "--ignore-eof":
                    options.IgnoreEof = true;
                    break;
                case "--flood-stderr":
                    options.FloodStderrBytes = Number(args, ref i);
                    break;
                case "--garbage-stdout":
                    options.GarbageStdout = true;
                    break;
                case "--stdout-before-init":
                    options.StdoutBeforeInit = Value(args, ref i);
                    break;
                case "--delay-start":
                    options.DelayStartMs = Number(args, ref i);
                    break;
                case "--exit-code":
                    options.ExitCode = Number(args, ref i);
                    break;
                case "--cacheable":
                    options.Cacheable = true;
                    break;
                case "--stateless":
                    options.Stateless = options.Cacheable = true;
                    break;
                case "--stateless-violations":
                    options.Stateless = options.Cacheable = options.StatelessViolations = true;
                    break;
                case "--frames":
                    options.FramesFile = Value(args, ref i);
                    break;
                case "--record":
                    options.RecordFile = Value(args, ref i);
                    break;
                case "--tools-change-after":
                    options.ToolsChangeAfter = Number(args, ref i);
                    break;
                case "--page-size":
                    options.PageSize = Number(args, ref i);
                    if (options.PageSize == 0)
                        throw new ArgumentException("option '--page-size' needs a positive integer");
                    break;
                case "--store-tool":
                    options.StoreTool = true;
                    break;
                case "--guess-shim-ids":
                    options.GuessShimIds = true;
                    break;
                case "--echo-description":
                    options.EchoDescription = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{name}'");
            }
        }

        return options;
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
            throw new ArgumentException($"option '{args[i]}' needs a value");
        return args[++i];
    }

    private static int Number(string[] args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            throw new ArgumentException($"option '{name}' needs a non-negative integer, got '{text}'");
        return value;
    }
}
