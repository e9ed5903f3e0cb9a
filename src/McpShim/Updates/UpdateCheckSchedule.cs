using System.Globalization;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Updates;

/// <summary>
/// When <c>"update": "startup"</c> last checked each profile: one small file per profile in
/// <c>update-checks/</c> in the state folder (<see cref="ConfigPaths.StateFolder"/>), so a check runs at most once per <c>checkInterval</c> across sessions.
/// </summary>
internal sealed class UpdateCheckSchedule(string folder, TimeProvider clock)
{
    /// <summary>A last check this far in the future means the clock was set back: check again rather than wait for it.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static UpdateCheckSchedule Default => new(Path.Combine(ConfigPaths.StateFolder, "update-checks"), TimeProvider.System);

    public static bool IsDue(DateTimeOffset? lastCheck, DateTimeOffset now, TimeSpan interval) =>
        lastCheck is not { } last || now - last >= interval || last - now > FutureTolerance;

    public DateTimeOffset? LastCheck(string profile)
    {
        try
        {
            var text = File.ReadAllText(PathFor(profile)).Trim();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last) ? last : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when a check is due, and then records now as the last check before it runs: a check that fails or is cut
    /// short by the session's end still counts, so an offline machine does not retry at every session.
    /// </summary>
    public bool TryClaim(string profile, TimeSpan interval)
    {
        var now = clock.GetUtcNow();
        if (!IsDue(LastCheck(profile), now, interval))
            return false;
        try
        {
            ShimPlatform.Current.Files.CreatePrivateFolder(folder);
            File.WriteAllText(PathFor(profile), now.ToString("o", CultureInfo.InvariantCulture) + "\n");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without a place to remember it, checking at every session is worse than not checking.
            return false;
        }
    }

    private string PathFor(string profile) => Path.Combine(folder, profile);
}
