using McpShim.ClientConfig;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim config CLIENT [PROFILE...] [--write] [--dry-run]</c> (issues 6, 7 and 20): prints the client's entries for
/// the profiles, or merges them into the client's file (JSON, TOML or YAML), always with the absolute path of mcpshim.
/// </summary>
internal static class ConfigCommand
{
    public static int Run(ConfigRequest request, IClientAppFolders apps, DateTimeOffset now, TextWriter output, TextWriter error, bool hint = true)
    {
        if (McpClient.Find(request.Client) is not { } client)
        {
            error.WriteLine($"mcpshim: error: unknown client '{request.Client}' (known: {string.Join(", ", McpClient.All.Select(c => c.Name))}).");
            return ExitCodes.Usage;
        }

        if (request.Project && request.File is not null)
            return Usage(error, "give --project or --file, not both.");
        if (request.Project && ClientFileLocations.ProjectFile(client, Environment.CurrentDirectory, apps) is null)
            return Usage(error, $"{client.DisplayName} has no project file; drop --project (it reads {ClientFileLocations.UserFile(client, apps)}).");

        try
        {
            var entries = Entries(request, apps, out var launchProblem);
            if (entries is null)
                return Usage(error, launchProblem!);

            if (!request.Write && !request.DryRun)
            {
                output.Write(client.Syntax.Merge(string.Empty, client, entries, "(new)").Text);
                if (hint)
                    error.WriteLine($"mcpshim: paste this into {TargetFile(client, request, apps)}, or let 'mcpshim config {client.Name} --write' merge it (see the change first with --dry-run).");
                return ExitCodes.Ok;
            }

            var file = TargetFile(client, request, apps);
            ClientConfigWriter.Apply(client, file, entries, request.DryRun, createFolder: request.File is not null || request.Project, now, output);
            return ExitCodes.Ok;
        }
        catch (ConfigException ex)
        {
            error.WriteLine("mcpshim: error: " + ex.Message);
            return ExitCodes.Config;
        }
        catch (ClientConfigException ex)
        {
            error.WriteLine("mcpshim: error: " + ex.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary><c>mcpshim show PROFILE --mcp-json</c>: the ready-to-paste <c>mcpServers</c> entry with the absolute path.</summary>
    public static int ShowMcpJson(string profile, string? configFile, IReadOnlyList<string> commandNames, TextWriter output, TextWriter error) =>
        Run(new ConfigRequest(McpClient.Cursor.Name, [profile], false, false, null, false, null, configFile, commandNames), ShimPlatform.Current.ClientApps, DateTimeOffset.UtcNow, output, error, hint: false);

    /// <summary>The entries for the named profiles (every profile when none is named), or null with the problem.</summary>
    private static List<ServerEntry>? Entries(ConfigRequest request, IClientAppFolders apps, out string? problem)
    {
        var catalog = ProfileCatalog.Load(request.ConfigFile);
        var names = request.Profiles.Count > 0 ? request.Profiles.Distinct(StringComparer.Ordinal).ToList() : catalog.Entries.Keys.ToList();
        foreach (var name in names)
            catalog.Get(name);

        var command = request.Command ?? ShimLaunch.RunningBinary();
        problem = command switch
        {
            null => "mcpshim runs under 'dotnet' (a development build), whose path a client cannot start as mcpshim. " +
                    "Run the published binary (./build.sh publish, then artifacts/bin/mcpshim config ...), or give --command /full/path/to/mcpshim.",
            _ when !Path.IsPathFullyQualified(command) => $"--command '{command}' is not an absolute path; clients started from the Dock or Start menu need one.",
            _ when !File.Exists(command) => $"--command '{command}' does not exist.",
            _ => null,
        };
        if (problem is not null)
            return null;

        var launch = new ShimLaunch(command!, ShimLaunch.ProfilesFileToName(catalog, apps), request.CommandNames);
        return names.Select(launch.EntryFor).ToList();
    }

    private static string TargetFile(McpClient client, ConfigRequest request, IClientAppFolders apps) =>
        request.File is { } file ? Path.GetFullPath(PathExpander.Expand(file, Environment.CurrentDirectory))
        : request.Project ? ClientFileLocations.ProjectFile(client, Environment.CurrentDirectory, apps)!
        : ClientFileLocations.UserFile(client, apps);

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine("mcpshim: error: " + message);
        return ExitCodes.Usage;
    }
}
