using McpShim.Benchmarks.Processes;

namespace McpShim.Benchmarks;

/// <summary>
/// What set-up B puts between the client and the fake server: mcpshim in local mode, or (set-up R) the floor relay,
/// a bare C copy loop that shows what any relay costs on this machine.
/// </summary>
internal sealed record MiddleMan(
    string Title,
    string Column,
    string Name,
    string? MissingReason,
    ServerCommand? Plain,
    ServerCommand? Recorded,
    string? AuditFile)
{
    public static MiddleMan McpShim(string? mcpshim, string mcpshimMissing, string fakeServer, string recordB, string workDir)
    {
        if (mcpshim is null)
            return new("A/B: fake-mcp-server directly vs through mcpshim (local mode)", "mcpshim local (B)", "mcpshim", mcpshimMissing, null, null, null);

        var profiles = Path.Combine(workDir, "profiles.json");
        ProfilesFile.Write(profiles, new Dictionary<string, object>
        {
            ["fake"] = ProfilesFile.Local([fakeServer]),
            ["fake-recorded"] = ProfilesFile.Local([fakeServer, "--record", recordB]),
        });
        var auditFile = Path.Combine(workDir, "audit.jsonl");
        var environment = new Dictionary<string, string> { ["MCPSHIM_AUDIT_FILE"] = auditFile };
        return new(
            "A/B: fake-mcp-server directly vs through mcpshim (local mode)", "mcpshim local (B)", "mcpshim", null,
            new ServerCommand(mcpshim, ["--config", profiles, "fake"], environment),
            new ServerCommand(mcpshim, ["--config", profiles, "fake-recorded"], environment),
            auditFile);
    }

    public static MiddleMan Floor(string? relay, string whyNot, string fakeServer, string recordB) => new(
        "A/R: the same, through the floor relay (a bare C copy loop, for scale; targets do not apply)", "floor relay (R)", "relay",
        relay is null ? whyNot : null,
        relay is null ? null : new ServerCommand(relay, [fakeServer]),
        relay is null ? null : new ServerCommand(relay, [fakeServer, "--record", recordB]),
        null);
}
