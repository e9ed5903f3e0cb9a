using McpShim.Containers;
using McpShim.Profiles;

namespace McpShim.Updates;

/// <summary>
/// Refreshes a profile's image (rebuild from its <c>build</c> folder, else <c>pull</c>) and keeps the image it replaced
/// as <c>REPOSITORY:mcpshim-rollback</c>; returns to that image on <see cref="RollbackAsync"/>. Containers already
/// running keep their image: the next session (or, in exec mode, the next warm container) uses the new one.
/// </summary>
internal static class ImageUpdater
{
    private static readonly TimeSpan LongWork = TimeSpan.FromMinutes(30);

    public static async Task<UpdateOutcome> UpdateAsync(EngineCli cli, ResolvedProfile profile, Action<string> progress, CancellationToken cancellationToken)
    {
        var image = profile.Image ?? throw new StartupException($"profile '{profile.Name}' runs in local mode: it has no image to update.");
        var name = ImageName.Parse(image);
        var old = await IdOfAsync(cli, image, cancellationToken);
        var previousRollback = await IdOfAsync(cli, name.RollbackReference, cancellationToken);

        // Tagged first, so the old image is never dangling (and prunable) while the new one arrives.
        if (old is not null)
            await CheckedAsync(cli, ["tag", old, name.RollbackReference], cancellationToken);
        string how;
        try
        {
            how = await FetchAsync(cli, profile, image, progress, cancellationToken);
        }
        catch
        {
            await RestoreRollbackAsync(cli, name, old, previousRollback);
            throw;
        }

        var now = await IdOfAsync(cli, image, cancellationToken);
        if (now == old)
            await RestoreRollbackAsync(cli, name, old, previousRollback);
        return new UpdateOutcome(profile.Name, image, old, now, how);
    }

    /// <summary>Tags the rollback image as the profile's image, and the image it leaves as the rollback one (so a second rollback undoes the first).</summary>
    public static async Task<UpdateOutcome> RollbackAsync(EngineCli cli, ResolvedProfile profile, CancellationToken cancellationToken)
    {
        var image = profile.Image ?? throw new StartupException($"profile '{profile.Name}' runs in local mode: it has no image to roll back.");
        var name = ImageName.Parse(image);
        var rollback = await IdOfAsync(cli, name.RollbackReference, cancellationToken)
            ?? throw new StartupException(
                $"profile '{profile.Name}': there is no {name.RollbackReference} to return to. 'mcpshim update {profile.Name}' keeps the image it " +
                "replaces under that tag; nothing was updated since, or the tag was removed.");
        var current = await IdOfAsync(cli, image, cancellationToken);
        if (current != rollback)
        {
            await CheckedAsync(cli, ["tag", rollback, image], cancellationToken);
            if (current is not null)
                await CheckedAsync(cli, ["tag", current, name.RollbackReference], cancellationToken);
        }

        return new UpdateOutcome(profile.Name, image, current, rollback, "rolled back");
    }

    /// <summary>The local image id, or null when the image is not there (never a network call).</summary>
    public static async Task<string?> IdOfAsync(EngineCli cli, string image, CancellationToken cancellationToken)
    {
        var found = await cli.RunAsync(["image", "inspect", "--format", "{{.Id}}", image], cancellationToken: cancellationToken);
        if (found.Succeeded)
            return found.Stdout.Trim();
        if (found.Stderr.Contains("No such", StringComparison.OrdinalIgnoreCase) || found.Stderr.Contains("not found", StringComparison.OrdinalIgnoreCase))
            return null;
        throw new StartupException(EngineProblems.Explain(cli.Engine, "image inspect", found, image));
    }

    private static async Task<string> FetchAsync(EngineCli cli, ResolvedProfile profile, string image, Action<string> progress, CancellationToken cancellationToken)
    {
        if (profile.BuildContext is { } folder)
        {
            if (!File.Exists(Path.Combine(folder, "Dockerfile")))
            {
                throw new StartupException(
                    $"profile '{profile.Name}': its \"build\" folder {folder} has no Dockerfile. Fix \"build\" in {profile.Source}, " +
                    "or remove it to pull the image instead.");
            }

            // The label lets 'mcpshim prune' remove this image once a later update leaves it dangling.
            var (code, tail) = await RunWithTimeoutAsync(
                cli, ["build", "--label", $"{ContainerLabels.Managed}=true", "-t", image, folder], progress, cancellationToken);
            if (code != 0)
                throw new StartupException($"profile '{profile.Name}': '{cli.Engine} build' of {folder} failed (exit code {code}): {string.Join(" | ", tail.TakeLast(5))}");
            return "rebuilt from " + folder;
        }

        var (pullCode, pullTail) = await RunWithTimeoutAsync(cli, ["pull", image], progress, cancellationToken);
        if (pullCode != 0)
        {
            var local = image.StartsWith("mcpshim/", StringComparison.Ordinal)
                ? $" mcpshim's own images are built locally: './build.sh images {ImageName.Parse(image).Repository["mcpshim/".Length..]}' in the mcpshim repository, or give the profile \"build\": \"DIR\"."
                : " If the image is built locally, give the profile \"build\": \"DIR\" (the folder with its Dockerfile) and update rebuilds it.";
            throw new StartupException($"profile '{profile.Name}': '{cli.Engine} pull {image}' failed (exit code {pullCode}): {string.Join(" | ", pullTail.TakeLast(3))}.{local}");
        }

        return "pulled";
    }

    private static async Task<(int Code, IReadOnlyList<string> Tail)> RunWithTimeoutAsync(
        EngineCli cli, IReadOnlyList<string> arguments, Action<string> progress, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LongWork);
        try
        {
            return await EngineProgress.RunAsync(cli, arguments, progress, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StartupException($"'{cli.Engine} {arguments[0]}' did not finish within {LongWork.TotalMinutes:0} minutes; stopped it.");
        }
    }

    /// <summary>No new image after all: the rollback tag goes back to what it named before (or away).</summary>
    private static async Task RestoreRollbackAsync(EngineCli cli, ImageName name, string? old, string? previousRollback)
    {
        if (old is null)
            return;
        if (previousRollback is not null)
            await cli.RunAsync(["tag", previousRollback, name.RollbackReference]);
        else
            await cli.RunAsync(["image", "rm", name.RollbackReference]); // only the tag: the image keeps its own
    }

    private static async Task CheckedAsync(EngineCli cli, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await cli.RunAsync(arguments, cancellationToken: cancellationToken);
        if (!result.Succeeded)
            throw new StartupException(EngineProblems.Explain(cli.Engine, arguments[0], result, null));
    }
}
