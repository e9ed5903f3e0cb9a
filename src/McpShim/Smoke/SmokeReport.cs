namespace McpShim.Smoke;

/// <summary>A whole <c>mcpshim test</c> run: the machine report written by <c>--json</c>.</summary>
internal sealed class SmokeReport
{
    public required string Version { get; init; }

    /// <summary>UTC start time, ISO 8601.</summary>
    public required string StartedAt { get; init; }

    public required string Host { get; init; }

    public double DurationMs { get; set; }

    /// <summary>True when Ctrl-C (or SIGTERM) cut the run short; the profiles not reached are absent.</summary>
    public bool Interrupted { get; set; }

    public List<ProfileReport> Profiles { get; } = [];

    public int Passed => Profiles.Sum(p => p.Passed);

    public int Failures => Profiles.Sum(p => p.Failures);

    public int Skipped => Profiles.Sum(p => p.Skipped);

    public bool Succeeded => !Interrupted && Failures == 0 && Profiles.Count > 0;
}
