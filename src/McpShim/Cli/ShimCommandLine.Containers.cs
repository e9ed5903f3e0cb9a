using System.CommandLine;

namespace McpShim.Cli;

internal static partial class ShimCommandLine
{
    /// <summary><c>mcpshim stop PROFILE</c> (issue 6).</summary>
    private static Command BuildStop()
    {
        var profile = new Argument<string>("profile") { Description = "The exec-mode profile whose warm container to stop." };
        var stop = new Command(
            "stop",
            "Stop and remove your warm exec-mode container (mcpshim-PROFILE-USER); sessions running in it end, and the next " +
            "one starts a fresh container. Another user's container is refused. Example: mcpshim stop context7")
        {
            profile,
        };
        stop.SetAction((result, cancellationToken) => StopCommand.RunAsync(
            result.GetValue(profile)!, result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return stop;
    }

    /// <summary><c>mcpshim prune [PROFILE...] [--dry-run]</c> (issue 6).</summary>
    private static Command BuildPrune()
    {
        var profiles = new Argument<string[]>("profile")
        {
            Description = "Only these profiles' containers (default: every profile's, and dangling images too).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say what would be removed." };
        var prune = new Command(
            "prune",
            "Remove your containers labelled io.mcpshim.managed=true that no live session uses (stopped ones, those of dead " +
            "sessions, idle warm ones) and dangling images with that label; nothing else. Says what it removed. " +
            "Example: mcpshim prune --dry-run")
        {
            profiles,
            dryRun,
        };
        prune.SetAction((result, cancellationToken) => PruneCommand.RunAsync(
            result.GetValue(profiles) ?? [], result.GetValue(dryRun), result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return prune;
    }

    /// <summary><c>mcpshim update PROFILE...|--all [--stop]</c> (issue 6).</summary>
    private static Command BuildUpdate()
    {
        var profiles = new Argument<string[]>("profile") { Description = "The profiles whose images to refresh.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every profile with an image (mcpshim's locally built ones are skipped unless they have \"build\")." };
        var stop = new Option<bool>("--stop") { Description = "Also stop an exec-mode profile's warm container, so the next session uses the new image." };
        var update = new Command(
            "update",
            "Rebuild the profile's image from its \"build\" folder, or pull it, keeping the image it replaces as " +
            "REPOSITORY:mcpshim-rollback. Prints old → new image ids, or 'already up to date'; progress on stderr. " +
            "Example: mcpshim update context7")
        {
            profiles,
            all,
            stop,
        };
        update.SetAction((result, cancellationToken) => UpdateCommand.UpdateAsync(
            result.GetValue(profiles) ?? [], result.GetValue(all), result.GetValue(stop), result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return update;
    }

    /// <summary><c>mcpshim rollback PROFILE [--stop]</c> (issue 6).</summary>
    private static Command BuildRollback()
    {
        var profile = new Argument<string>("profile") { Description = "The profile whose image to return to the one before the last update." };
        var stop = new Option<bool>("--stop") { Description = "Also stop an exec-mode profile's warm container, so the next session uses the restored image." };
        var rollback = new Command(
            "rollback",
            "Tag REPOSITORY:mcpshim-rollback (kept by 'mcpshim update') as the profile's image again; the image it replaces " +
            "becomes the rollback one, so a second rollback undoes the first. Example: mcpshim rollback context7")
        {
            profile,
            stop,
        };
        rollback.SetAction((result, cancellationToken) => UpdateCommand.RollbackAsync(
            result.GetValue(profile)!, result.GetValue(stop), result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return rollback;
    }
}
