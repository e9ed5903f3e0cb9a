using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Secrets;

namespace McpShim.Inspection;

/// <summary>The checks on files: the profiles file and its profiles, the secrets file's mode, the audit file.</summary>
internal static partial class DoctorChecks
{
    private static ProfileCatalog? CheckConfig(string? configFile, List<DoctorCheck> checks)
    {
        try
        {
            var catalog = ProfileCatalog.Load(configFile);
            checks.Add(catalog.FileExists
                ? new("config", CheckOutcome.Ok, $"{catalog.File} parses{ModeOf(catalog.File!)}")
                : new("config", CheckOutcome.Ok, $"{catalog.File} not present: built-in profiles only"));
            return catalog;
        }
        catch (ConfigException ex)
        {
            checks.Add(new("config", CheckOutcome.Fail, ex.Message, "correct the file at the place named; 'mcpshim list' shows the result."));
            return null;
        }
    }

    private static List<ResolvedProfile> CheckProfiles(ProfileCatalog catalog, List<DoctorCheck> checks)
    {
        var resolved = new List<ResolvedProfile>();
        var broken = 0;
        foreach (var name in catalog.Entries.Keys)
        {
            try
            {
                resolved.Add(ProfileResolver.Resolve(catalog, name));
            }
            catch (ConfigException ex)
            {
                broken++;
                // A built-in profile nobody configured (the filesystem one's ~/projects, say) is not worth failing for.
                checks.Add(catalog.Entries[name].Source == BuiltInProfiles.Source
                    ? new($"profile {name}", CheckOutcome.Warn, ex.Message,
                        $"only if you use '{name}': do that, or override the profile under \"profiles\" in {catalog.File}.")
                    : new($"profile {name}", CheckOutcome.Fail, ex.Message, $"edit {catalog.Entries[name].Source}, then check with 'mcpshim show {name}'."));
            }
        }

        if (broken == 0)
            checks.Add(new("profiles", CheckOutcome.Ok, $"{resolved.Count} resolve: {string.Join(", ", resolved.Select(p => p.Name))}"));
        return resolved;
    }

    private static void CheckSecretsFile(ProfileCatalog catalog, List<DoctorCheck> checks)
    {
        var file = SafetyRules.ResolveSecretsFile(catalog);
        if (!File.Exists(file))
        {
            checks.Add(new("secrets file", CheckOutcome.Ok, $"{file} not present (secrets come from the environment or commands)"));
            return;
        }

        checks.Add(ShimPlatform.Current.Files.OthersCanReadOrWrite(file) is { } problem
            ? new("secrets file", CheckOutcome.Fail, FileModeCheck.ReadableByOthers(file, "secrets file", problem), problem.Fix)
            : new("secrets file", CheckOutcome.Ok, $"{file} is yours alone{ModeOf(file)}"));
    }

    /// <summary>Writable without writing to it: an existing file is opened for append; else a probe file is made and removed.</summary>
    private static DoctorCheck CheckAuditWritable(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                using (new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
                {
                }

                return new("audit", CheckOutcome.Ok, $"{path} is writable");
            }

            var folder = NearestExistingFolder(Path.GetDirectoryName(path))
                ?? throw new IOException("no folder above it exists");
            var probe = Path.Combine(folder, $".mcpshim-doctor-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return new("audit", CheckOutcome.Ok, $"{path} can be created (under {folder})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(
                "audit",
                CheckOutcome.Fail,
                $"{path} is not writable: {ex.Message}",
                $"make its folder writable for you, or point \"audit\": {{\"path\": ...}} or ${ConfigPaths.AuditEnv} elsewhere.");
        }
    }

    private static string? NearestExistingFolder(string? folder)
    {
        for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir))
                return dir;
        }

        return null;
    }

    private static string ModeOf(string file) =>
        ShimPlatform.Current.Files.Describe(file) is { } access ? $" ({access})" : string.Empty;
}
