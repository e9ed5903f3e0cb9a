using System.Globalization;
using McpShim.Containers;
using McpShim.Logging;
using McpShim.Policy;
using McpShim.Profiles;
using McpShim.Relay;
using McpShim.Secrets;
using Microsoft.Extensions.Logging;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim pin PROFILE</c> (issue 4): starts the server exactly as a session would, lists its tools, and records
/// a hash of each one's name, description and inputSchema in the profile's pins file. With <c>"pinTools": true</c>,
/// sessions then hide any tool that is new or changed since, until it is pinned again.
/// </summary>
internal static class PinCommand
{
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string profileName, string? configFile, LogLevel level, TextWriter output)
    {
        using var loggerFactory = LoggingSetup.Create(level);
        var logger = loggerFactory.CreateLogger("mcpshim");
        ResolvedProfile profile;
        string pinsFile;
        try
        {
            var catalog = ProfileCatalog.Load(configFile);
            profile = ProfileResolver.Resolve(catalog, profileName);
            pinsFile = profile.Policy?.PinsFile ?? ToolPins.PathFor(catalog.Get(profileName));
        }
        catch (ConfigException ex)
        {
            Log.ConfigError(logger, ex.Message);
            return ExitCodes.Config;
        }

        // The same launchers as a session: what is pinned is what sessions will run.
        var session = SessionInfo.CreateForThisProcess();
        var cli = EngineClients.For(profile);
        var launcher = ServerLaunchers.Create(profile, session, cli, logger);

        List<ToolDefinition> tools;
        try
        {
            tools = await ListToolsAsync(profile, launcher);
        }
        catch (StartupException ex)
        {
            Log.StartupFailed(logger, profile.Name, ex.Message);
            return ExitCodes.Unavailable;
        }
        catch (ToolListingException ex)
        {
            Log.StartupFailed(logger, profile.Name, "cannot pin its tools: " + ex.Message);
            return ExitCodes.Failure;
        }

        var previous = ToolPins.Load(pinsFile);
        var server = launcher.ImageRef ?? string.Join(' ', profile.Command ?? []);
        ToolPins.Save(pinsFile, profile.Name, server, tools);
        WriteSummary(output, profile, server, pinsFile, tools, previous);
        return ExitCodes.Ok;
    }

    private static async Task<List<ToolDefinition>> ListToolsAsync(ResolvedProfile profile, IServerLauncher launcher)
    {
        try
        {
            using var server = await launcher.StartAsync(CancellationToken.None);
            var stderr = new StderrForwarder(server.Error, Console.OpenStandardError(), profile.Name, new SecretRedactor(launcher.Secrets));
            stderr.Start();
            try
            {
                return await ServerToolLister.ListAsync(server, profile.MaxFrameBytes, ListTimeout);
            }
            finally
            {
                server.CloseInput();
                if (!await server.WaitForExitAsync(profile.Grace))
                    await launcher.ForceStopAsync(server);
            }
        }
        finally
        {
            await launcher.CleanupAsync();
        }
    }

    private static void WriteSummary(TextWriter output, ResolvedProfile profile, string server, string pinsFile, List<ToolDefinition> tools, ToolPins previous)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pinned {tools.Count} tools of profile '{profile.Name}' ({server}) in {pinsFile}"));
        // Tool names come from the server: escaped, so one cannot rewrite the terminal or forge a line.
        var width = tools.Select(t => SafeText.Escape(t.Name).Length).Append(previous.Hashes.Keys.Select(k => SafeText.Escape(k).Length).DefaultIfEmpty(0).Max()).Max();
        foreach (var tool in tools.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var change = previous.StateOf(tool) switch
            {
                PinState.New => "+ ",
                PinState.Changed => "~ ",
                _ => "  ",
            };
            var note = change switch { "+ " => "  (new)", "~ " => "  (changed)", _ => string.Empty };
            output.WriteLine($"  {change}{SafeText.Escape(tool.Name).PadRight(width)}{note}".TrimEnd());
        }

        foreach (var gone in previous.Hashes.Keys.Where(name => tools.All(t => t.Name != name)).Order(StringComparer.Ordinal))
            output.WriteLine($"  - {SafeText.Escape(gone).PadRight(width)}  (removed)");

        if (profile.Policy is not { PinTools: true })
            output.WriteLine($"note: profile '{profile.Name}' does not set \"policy\": {{\"pinTools\": true}} in {profile.Source}, so these pins are not enforced yet.");
    }
}
