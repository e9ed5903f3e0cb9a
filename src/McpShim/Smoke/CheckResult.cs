namespace McpShim.Smoke;

/// <summary>One line of the report: a check, its outcome, how long it took and what it saw (or what is wrong).</summary>
internal sealed record CheckResult(string Phase, string Name, CheckStatus Status, double? DurationMs, string? Detail);
