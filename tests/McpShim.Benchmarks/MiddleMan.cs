using McpShim.Benchmarks.Processes;

namespace McpShim.Benchmarks;

/// <summary>
/// What a set-up puts between the client and the fake server: mcpshim in local mode (B), or the floor relay (R), a
/// bare C copy loop that shows what any relay costs on this machine.
/// </summary>
internal sealed record MiddleMan(
    string Letter,
    string Column,
    string Name,
    string? MissingReason,
    ServerCommand? Plain,
    ServerCommand? Recorded,
    string? RecordFile,
    string? AuditFile)
{
    /// <param name="letter">B for the binary under test; B1, B2... for the others of MCPSHIM_BENCH_ALSO.</param>
    /// <param name="label">What the column calls this binary (null: "mcpshim").</param>
    public static MiddleMan McpShim(string? mcpshim, string mcpshimMissing, string fakeServer, string workDir, string letter = "B", string? label = null)
    {
        var column = $"{label ?? "mcpshim"} local ({letter})";
        var name = label is null ? "mcpshim" : "mcpshim " + label;
        if (mcpshim is null)
            return new(letter, column, name, mcpshimMissing, null, null, null, null);

        var recordB = Path.Combine(workDir, $"first-frame-{letter.ToLowerInvariant()}.txt");
        var profiles = Path.Combine(workDir, $"profiles-{letter.ToLowerInvariant()}.json");
        ProfilesFile.Write(profiles, new Dictionary<string, object>
        {
            ["fake"] = ProfilesFile.Local([fakeServer]),
            ["fake-recorded"] = ProfilesFile.Local([fakeServer, "--record", recordB]),
        });
        var auditFile = Path.Combine(workDir, $"audit-{letter.ToLowerInvariant()}.jsonl");
        var environment = new Dictionary<string, string> { ["MCPSHIM_AUDIT_FILE"] = auditFile };
        return new(
            letter, column, name, null,
            new ServerCommand(mcpshim, ["--config", profiles, "fake"], environment),
            new ServerCommand(mcpshim, ["--config", profiles, "fake-recorded"], environment),
            recordB,
            auditFile);
    }

    public static MiddleMan Floor(string? relay, string whyNot, string fakeServer, string recordR) => new(
        "R", "floor relay (R)", "relay",
        relay is null ? whyNot : null,
        relay is null ? null : new ServerCommand(relay, [fakeServer]),
        relay is null ? null : new ServerCommand(relay, [fakeServer, "--record", recordR]),
        recordR,
        null);
}
