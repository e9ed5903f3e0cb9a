using McpShim.Containers;
using McpShim.Inspection;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim show PROFILE [--json]</c> (issue 6): the effective profile, where each value came from, and the exact
/// engine commands a session would run. It never resolves a secret: only their names appear.
/// </summary>
internal static class ShowCommand
{
    public static async Task<int> RunAsync(string profileName, bool json, string? configFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ProfileCatalog catalog;
        ResolvedProfile profile;
        try
        {
            catalog = ProfileCatalog.Load(configFile);
            profile = ProfileResolver.Resolve(catalog, profileName);
        }
        catch (ConfigException ex)
        {
            await error.WriteLineAsync("mcpshim: error: " + ex.Message);
            return ExitCodes.Config;
        }

        var (image, problem) = profile.Mode == ProfileMode.Local
            ? (null, null)
            : await InspectImageAsync(profile, cancellationToken);
        var report = ProfileReporter.Build(catalog, profile, image, problem, SessionInfo.CreateForThisProcess(), ShimPlatform.Current.Host);
        if (json)
            ProfileReportJson.Write(report, output);
        else
            ProfileReportText.Write(report, output);
        return ExitCodes.Ok;
    }

    /// <summary>The image's user decides the container's; an engine or image that is not there is reported, not fatal.</summary>
    private static async Task<(ImageInspection? Image, string? Problem)> InspectImageAsync(ResolvedProfile profile, CancellationToken cancellationToken)
    {
        try
        {
            return (await ImageInspector.InspectAsync(EngineClients.For(profile), profile.Image!, logger: null, cancellationToken), null);
        }
        catch (StartupException ex)
        {
            return (null, ex.Message);
        }
    }
}
