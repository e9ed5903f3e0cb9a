namespace McpShim.Profiles;

/// <summary>
/// Every profile mcpshim knows: the built-in ones, replaced by name by those of the user's profiles file.
/// </summary>
internal sealed class ProfileCatalog
{
    private ProfileCatalog(string? file, bool fileExists, ProfilesDocument? document, SortedDictionary<string, ProfileEntry> entries)
    {
        File = file;
        FileExists = fileExists;
        Audit = document?.Audit;
        AllowedRoots = document?.AllowedRoots ?? [];
        SecretsFile = document?.SecretsFile;
        CriticalRuntime = document?.CriticalRuntime;
        Entries = entries;
    }

    /// <summary>The profiles file consulted (it may not exist when it is the default path).</summary>
    public string? File { get; }

    public bool FileExists { get; }

    public AuditSpec? Audit { get; }

    /// <summary>The file's <c>allowedRoots</c>, as written.</summary>
    public IReadOnlyList<string> AllowedRoots { get; }

    /// <summary>The file's <c>secretsFile</c>, as written.</summary>
    public string? SecretsFile { get; }

    /// <summary>The file's <c>criticalRuntime</c>: the runtime critical-risk profiles must run under (issue 19).</summary>
    public string? CriticalRuntime { get; }

    /// <summary>The folder of the profiles file: relative paths in it resolve from here.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(File) ?? Environment.CurrentDirectory;

    public IReadOnlyDictionary<string, ProfileEntry> Entries { get; }

    /// <summary>
    /// Loads the catalog. <paramref name="explicitFile"/> (from <c>--config</c>) wins over <c>MCPSHIM_CONFIG</c>, which
    /// wins over the XDG default. An explicit file that does not exist is an error; a missing default is not.
    /// </summary>
    public static ProfileCatalog Load(string? explicitFile)
    {
        var entries = new SortedDictionary<string, ProfileEntry>(StringComparer.Ordinal);
        var builtIn = ProfilesFileReader.Parse(BuiltInProfiles.Json, BuiltInProfiles.Source);
        foreach (var (name, spec) in builtIn.Profiles!)
            entries[name] = new ProfileEntry(name, spec, BuiltInProfiles.Source, Environment.CurrentDirectory);

        var (file, isExplicit) = explicitFile is { Length: > 0 }
            ? (explicitFile, true)
            : Environment.GetEnvironmentVariable(ConfigPaths.ConfigEnv) is { Length: > 0 } fromEnv
                ? (fromEnv, true)
                : (ConfigPaths.DefaultProfilesFile, false);
        file = PathExpander.Expand(file, Environment.CurrentDirectory);

        if (!System.IO.File.Exists(file))
        {
            if (isExplicit)
            {
                throw new ConfigException(
                    $"{file}: the profiles file does not exist. Create it (see README \"Profiles\") or fix --config / {ConfigPaths.ConfigEnv}.");
            }

            return new ProfileCatalog(file, false, null, entries);
        }

        McpShim.Secrets.FileModeCheck.RefuseWritableByOthers(file, "profiles file");
        var document = ProfilesFileReader.Read(file);
        var folder = Path.GetDirectoryName(file)!;
        foreach (var (name, spec) in document.Profiles ?? [])
            entries[name] = new ProfileEntry(name, spec, file, folder);
        return new ProfileCatalog(file, true, document, entries);
    }

    public ProfileEntry Get(string name)
    {
        if (Entries.TryGetValue(name, out var entry))
            return entry;
        var where = FileExists ? File : $"{File} (not present) or the built-in profiles";
        throw new ConfigException(
            $"profile '{name}' not found in {where} (known: {string.Join(", ", Entries.Keys)}). " +
            "Add it under \"profiles\" in the profiles file, or run 'mcpshim list'.");
    }
}
