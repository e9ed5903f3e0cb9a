using System.Text.Json.Serialization;

namespace McpShim.Smoke;

/// <summary>The smoke test of one profile: what ran (the image with its digest) and every check, in phase order.</summary>
internal sealed class ProfileReport(string profile, string mode)
{
    private readonly List<CheckResult> _checks = [];

    public string Profile { get; } = profile;

    public string Mode { get; } = mode;

    /// <summary>The image as it ran, <c>name@sha256:...</c>; null in local mode.</summary>
    public string? Image { get; set; }

    /// <summary>The local command (local mode).</summary>
    public string? Command { get; set; }

    /// <summary>The MCP era the server was checked in: <c>2026-07-28</c> (stateless) or <c>2025-11-25</c> (initialize).</summary>
    public string? Era { get; set; }

    public string? ProtocolVersion { get; set; }

    public string? ServerName { get; set; }

    public string? ServerVersion { get; set; }

    public int? Tools { get; set; }

    public double DurationMs { get; set; }

    /// <summary>Applied to every detail as it is added: a server may echo a secret into a message.</summary>
    [JsonIgnore]
    public Func<string, string>? Redact { get; set; }

    /// <summary>Called with each check as it is added (progress on stderr).</summary>
    [JsonIgnore]
    public Action<CheckResult>? Added { get; init; }

    /// <summary>Stable by phase, then in the order the checks were added (a check may be decided late).</summary>
    public IReadOnlyList<CheckResult> Checks =>
        [.. _checks.Select((c, i) => (c, i)).OrderBy(x => SmokePhase.IndexOf(x.c.Phase)).ThenBy(x => x.i).Select(x => x.c)];

    public int Passed => Count(CheckStatus.Pass);

    public int Failures => Count(CheckStatus.Fail);

    public int Skipped => Count(CheckStatus.Skip);

    [JsonIgnore]
    public bool Failed => Failures > 0;

    public int Count(CheckStatus status) => _checks.Count(c => c.Status == status);

    public CheckResult Add(string phase, string name, CheckStatus status, double? durationMs = null, string? detail = null)
    {
        if (detail is not null && Redact is not null)
            detail = Redact(detail);
        var check = new CheckResult(phase, name, status, durationMs is { } ms ? Math.Round(ms, 1) : null, detail);
        _checks.Add(check);
        Added?.Invoke(check);
        return check;
    }
}
