using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.ClientConfig;

/// <summary>
/// How a client must start mcpshim for a profile (issue 7, "absolute paths everywhere a client reads them"): the
/// binary's absolute path, the profile, and <c>--config FILE</c> when the profiles file is one a client started from
/// the Dock would not find (it gets neither <c>--config</c> nor <c>$MCPSHIM_CONFIG</c> nor <c>$XDG_CONFIG_HOME</c>).
/// </summary>
internal sealed class ShimLaunch
{
    private readonly HashSet<string> _commandNames;

    /// <param name="command">The absolute path written as <c>command</c>.</param>
    /// <param name="profilesFile">The absolute profiles file to name with <c>--config</c>, or null for the default.</param>
    /// <param name="commandNames">mcpshim's subcommands: a profile named like one is written as <c>run NAME</c>.</param>
    public ShimLaunch(string command, string? profilesFile, IEnumerable<string> commandNames)
    {
        if (!Path.IsPathFullyQualified(command))
            throw new ClientConfigException($"'{command}' is not an absolute path. Clients started from the Dock or Start menu need one: give --command /full/path/to/mcpshim.");
        Command = command;
        ProfilesFile = profilesFile;
        _commandNames = new HashSet<string>(commandNames, StringComparer.Ordinal);
    }

    public string Command { get; }

    public string? ProfilesFile { get; }

    /// <summary>
    /// The running binary's path. Linux (/proc/self/exe) and macOS report it with symlinks resolved, so an install
    /// through a versioned folder (Homebrew's Cellar) yields a path that changes on upgrade: <c>--command</c> writes
    /// the stable link instead, and <c>mcpshim doctor</c> flags an entry whose path has gone. Null when mcpshim runs
    /// under <c>dotnet</c> (a development build), whose path would be the wrong program.
    /// </summary>
    public static string? RunningBinary()
    {
        var path = Environment.ProcessPath;
        if (string.IsNullOrEmpty(path) || Path.GetFileNameWithoutExtension(path) == "dotnet")
            return null;
        return Path.GetFullPath(path);
    }

    /// <summary>
    /// The profiles file to pass with <c>--config</c>: the catalog's file when it exists and is not the one mcpshim finds
    /// when a GUI client starts it (<see cref="IClientAppFolders.GuiConfigFolder"/>: this OS's default config folder,
    /// without the shell's <c>XDG_*</c> variables), which is all such a client's environment promises.
    /// </summary>
    public static string? ProfilesFileToName(ProfileCatalog catalog, IClientAppFolders apps)
    {
        if (!catalog.FileExists || catalog.File is null)
            return null;
        var file = Path.GetFullPath(catalog.File);
        var found = Path.GetFullPath(apps.Syntax.Combine(apps.GuiConfigFolder, "profiles.json"));
        return apps.Syntax.Paths.Equals(file, found) ? null : file;
    }

    public ServerEntry EntryFor(string profile)
    {
        List<string> args = _commandNames.Contains(profile) ? ["run", profile] : [profile];
        if (ProfilesFile is not null)
            args.AddRange(["--config", ProfilesFile]);
        return new ServerEntry(profile, Command, args);
    }
}
