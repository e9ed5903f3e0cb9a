namespace McpShim.ClientConfig;

/// <summary>
/// <c>mcpshim config CLIENT --write</c> on one file: merge, then show the diff (<c>--dry-run</c>) or back the file up
/// and replace it. When nothing would change, nothing is written and no backup is made.
/// </summary>
internal static class ClientConfigWriter
{
    /// <param name="createFolder">Create a missing parent folder (a project's <c>.vscode</c>); else a missing folder means the client is not installed.</param>
    public static MergeResult Apply(McpClient client, string file, IReadOnlyList<ServerEntry> entries, bool dryRun, bool createFolder, DateTimeOffset now, TextWriter output)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!createFolder && !Directory.Exists(folder))
        {
            throw new ClientConfigException(
                $"{folder} does not exist: is {client.DisplayName} installed for this user? Start it once, or give the file with --file PATH.");
        }

        var existing = ClientConfigFile.Read(file);
        var before = existing?.Text ?? string.Empty;
        var merged = client.Syntax.Merge(before, client, entries, file);
        if (!merged.Changed)
        {
            output.WriteLine($"{file}: no change ({string.Join(", ", merged.Unchanged)} already {(merged.Unchanged.Count == 1 ? "runs" : "run")} {entries[0].Command}).");
            return merged;
        }

        if (dryRun)
        {
            output.Write(UnifiedDiff.Create(before, merged.Text, existing is null ? "/dev/null" : file, file));
            output.WriteLine($"dry run: {file} not changed (would {Summary(merged, past: false)}).");
            return merged;
        }

        var backup = existing is null ? null : ClientConfigFile.Backup(file, now);
        ClientConfigFile.Write(file, merged.Text, existing?.Bom ?? false);
        output.WriteLine($"{file}: {Summary(merged, past: true)} ({(backup is null ? "new file" : "backup: " + backup)}). Restart {client.DisplayName} to pick it up.");
        return merged;
    }

    private static string Summary(MergeResult merged, bool past)
    {
        var parts = new List<string>();
        if (merged.Added.Count > 0)
            parts.Add((past ? "added " : "add ") + string.Join(", ", merged.Added));
        if (merged.Replaced.Count > 0)
            parts.Add((past ? "updated " : "update ") + string.Join(", ", merged.Replaced));
        if (merged.Unchanged.Count > 0)
            parts.Add((past ? "kept " : "keep ") + string.Join(", ", merged.Unchanged));
        return string.Join("; ", parts);
    }
}
