namespace McpShim.Benchmarks.FloorRelay;

/// <summary>Compiles floor-relay.c with the machine's C compiler (cc, else gcc, else clang); set-up R needs it.</summary>
internal static class FloorRelayBuild
{
    /// <returns>The relay binary, or null with the reason it could not be built.</returns>
    public static string? TryBuild(string workDir, out string whyNot)
    {
        whyNot = string.Empty;
        if (OperatingSystem.IsWindows())
        {
            whyNot = "the floor relay is POSIX C";
            return null;
        }

        var source = Path.Combine(AppContext.BaseDirectory, "FloorRelay", "floor-relay.c");
        var binary = Path.Combine(workDir, "floor-relay");
        foreach (var compiler in new[] { "cc", "gcc", "clang" })
        {
            var (exitCode, _, stderr) = CommandLine.Run(compiler, "-O2", "-pthread", "-o", binary, source);
            if (exitCode == 0)
                return binary;
            whyNot = $"{compiler}: {stderr.Split('\n')[0]}";
        }

        whyNot = $"no C compiler could build {source} ({whyNot})";
        return null;
    }
}
