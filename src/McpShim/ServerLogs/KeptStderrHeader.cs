using System.Globalization;

namespace McpShim.ServerLogs;

/// <summary>The first line of a kept stderr file: which session wrote it, so <c>mcpshim logs</c> can say so.</summary>
internal sealed record KeptStderrHeader(string Profile, string SessionId, string Mode, string What, string? Container)
{
    public const string Prefix = "# mcpshim: ";

    public string Format(DateTimeOffset started) =>
        $"{Prefix}profile {Profile}, session {SessionId}, {Mode} mode, {What}" +
        (Container is null ? string.Empty : $", container {Container}") +
        $", started {started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
}
