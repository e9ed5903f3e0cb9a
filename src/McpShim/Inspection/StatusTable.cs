using System.Globalization;

namespace McpShim.Inspection;

/// <summary>
/// <c>mcpshim status</c>'s table: aligned, at most <see cref="MaxWidth"/> columns (the profile column gives way with
/// an ellipsis), coloured only when asked. Padding is computed on the plain text, so colour never breaks alignment.
/// </summary>
internal static class StatusTable
{
    public const int MaxWidth = 100;

    private const string Gap = "  ";
    private const int ProfileColumn = 0;
    private const int StateColumn = 2;
    private const int OwnerColumn = 7;

    private static readonly string[] Header = ["PROFILE", "MODE", "STATE", "UPTIME", "CPU", "MEM", "IMAGE", "OWNER"];

    public static void Write(IReadOnlyList<ContainerStatus> containers, DateTimeOffset now, bool colour, TextWriter output)
    {
        if (containers.Count == 0)
        {
            output.WriteLine("no containers managed by mcpshim (none carries the label io.mcpshim.managed=true).");
            return;
        }

        var rows = new List<string[]> { Header };
        rows.AddRange(containers.Select(c => new[]
        {
            c.Profile,
            c.Mode,
            c.State,
            c.StartedAt is { } started && c.State == "running" ? Uptime(now - started) : "-",
            c.Cpu ?? "-",
            c.Memory ?? "-",
            ShortDigest(c.ImageId),
            Owner(c),
        }));

        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var total = widths.Sum() + (Gap.Length * (widths.Length - 1));
        if (total > MaxWidth)
            widths[ProfileColumn] = Math.Max(Header[ProfileColumn].Length, widths[ProfileColumn] - (total - MaxWidth));

        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Select((cell, i) =>
            {
                var text = Fit(cell, widths[i]);
                var padded = i == Header.Length - 1 ? text : text.PadRight(widths[i]);
                return colour && r > 0 ? Paint(padded, i, containers[r - 1]) : padded;
            });
            output.WriteLine(string.Join(Gap, cells).TrimEnd());
        }
    }

    /// <summary>"45s", "12m", "3h05m", "2d04h": two units at most.</summary>
    public static string Uptime(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
            span = TimeSpan.Zero;
        if (span.TotalMinutes < 1)
            return ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        if (span.TotalHours < 1)
            return ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        if (span.TotalDays < 1)
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m");
        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d{span.Hours:00}h");
    }

    private static string ShortDigest(string? imageId)
    {
        if (string.IsNullOrEmpty(imageId))
            return "-";
        var hex = imageId.StartsWith("sha256:", StringComparison.Ordinal) ? imageId[7..] : imageId;
        return hex.Length > 12 ? hex[..12] : hex;
    }

    private static string Owner(ContainerStatus c)
    {
        var who = c.OwnerUser.Length > 0 ? c.OwnerUser : "?";
        if (string.IsNullOrEmpty(c.OwnerPid))
            return who;
        return $"{who} pid {c.OwnerPid}{(c.OwnerDead ? " (dead)" : string.Empty)}";
    }

    private static string Fit(string cell, int width) =>
        cell.Length <= width ? cell : cell[..(width - 1)] + "…";

    private static string Paint(string text, int column, ContainerStatus c)
    {
        var code = column switch
        {
            StateColumn => c.State == "running" ? "32" : "33",
            OwnerColumn when c.OwnerDead => "31",
            _ => null,
        };
        return code is null ? text : $"\u001b[{code}m{text}\u001b[0m";
    }
}
