namespace McpShim.Updates;

/// <summary>What <c>mcpshim update</c> and <c>mcpshim rollback</c> print on stdout, one line per profile.</summary>
internal static class UpdateText
{
    public static string Updated(UpdateOutcome outcome)
    {
        var name = ImageName.Parse(outcome.Image);
        if (!outcome.Changed)
            return $"{outcome.Profile}: {outcome.Image} is already up to date ({ImageName.Short(outcome.NewId)}).";
        var kept = outcome.OldId is null
            ? "there was no previous image to keep"
            : $"the previous image is kept as {name.RollbackReference} ('mcpshim rollback {outcome.Profile}' returns to it)";
        return $"{outcome.Profile}: {outcome.Image} {ImageName.Short(outcome.OldId)} → {ImageName.Short(outcome.NewId)} ({outcome.How}); {kept}.";
    }

    public static string RolledBack(UpdateOutcome outcome)
    {
        var name = ImageName.Parse(outcome.Image);
        if (!outcome.Changed)
            return $"{outcome.Profile}: {outcome.Image} already is the rollback image ({ImageName.Short(outcome.NewId)}); nothing changed.";
        var kept = outcome.OldId is null ? string.Empty : $"; the image it replaced is now {name.RollbackReference} (rollback again to return to it)";
        return $"{outcome.Profile}: rolled back {outcome.Image} {ImageName.Short(outcome.OldId)} → {ImageName.Short(outcome.NewId)} (from {name.RollbackReference}){kept}.";
    }

    /// <summary>A warm exec-mode container keeps the image it was created from: the config-digest check reports it.</summary>
    public static string WarmContainerKeepsOldImage(string profile, string container) =>
        $"{profile}: the warm container {container} still runs the previous image; the next session that finds it idle " +
        $"recreates it on the new one, or 'mcpshim stop {profile}' (or 'update --stop') removes it now.";

    public static string Progress(string profile, string line) => $"  {profile} | {line}";
}
