using McpShim.Profiles;

namespace McpShim.Cli;

/// <summary>The profile a command is about, or its configuration error printed as the command's answer.</summary>
internal static class CommandProfiles
{
    /// <returns>The profile, or null after writing the error (the command then exits with <see cref="ExitCodes.Config"/>).</returns>
    public static async Task<ResolvedProfile?> ResolveOrReportAsync(string profileName, string? configFile, TextWriter error)
    {
        try
        {
            return ProfileResolver.Resolve(ProfileCatalog.Load(configFile), profileName);
        }
        catch (ConfigException ex)
        {
            await error.WriteLineAsync("mcpshim: error: " + ex.Message);
            return null;
        }
    }
}
