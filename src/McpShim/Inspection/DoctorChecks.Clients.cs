using McpShim.ClientConfig;
using McpShim.Platform;

namespace McpShim.Inspection;

/// <summary>
/// The check on MCP clients' files (issue 7): an entry that starts mcpshim must name it by a path that exists, or
/// by a bare name the client can find. A GUI client started from the Dock gets a minimal PATH
/// (<see cref="IClientAppFolders.GuiPath"/>), so a bare <c>mcpshim</c> that works in a terminal fails there.
/// </summary>
internal static partial class DoctorChecks
{
    public static List<DoctorCheck> CheckClientFiles(IReadOnlyList<ClientFile> files, IClientAppFolders apps, IHostEnvironment host)
    {
        var checks = new List<DoctorCheck>();
        var good = 0;
        foreach (var file in files.Where(f => host.FileExists(f.Path)))
        {
            var name = $"client {file.Client.Name}";
            List<ShimEntry> entries;
            try
            {
                entries = ShimEntryReader.Read(file, ClientConfigFile.Read(file.Path)?.Text ?? string.Empty);
            }
            catch (ClientConfigException ex)
            {
                checks.Add(new(name, CheckOutcome.Warn, ex.Message));
                continue;
            }

            foreach (var entry in entries)
            {
                if (CheckEntry(file, entry, apps, host) is { } problem)
                    checks.Add(problem with { Name = name });
                else
                    good++;
            }
        }

        if (checks.Count == 0)
        {
            checks.Add(new("clients", CheckOutcome.Ok, good == 0
                ? "no MCP client file here names mcpshim"
                : $"{good} client {(good == 1 ? "entry starts" : "entries start")} mcpshim by a path that exists"));
        }

        return checks;
    }

    private static DoctorCheck? CheckEntry(ClientFile file, ShimEntry entry, IClientAppFolders apps, IHostEnvironment host)
    {
        var fix = $"mcpshim config {file.Client.Name} {entry.Name} --write --file '{file.Path}' (writes mcpshim's absolute path).";
        var where = $"{file.Path}: \"{entry.Name}\"";
        if (apps.Syntax.IsRooted(entry.Command))
        {
            return host.FileExists(entry.Command)
                ? null
                : new(string.Empty, CheckOutcome.Fail, $"{where} runs {entry.Command}, which does not exist (moved or upgraded?)", fix);
        }

        if (entry.Command.IndexOfAny(['/', '\\']) >= 0)
            return new(string.Empty, CheckOutcome.Fail, $"{where} runs {entry.Command}, a relative path the client resolves from a folder of its own choosing", fix);

        var onShellPath = FindOnPath(entry.Command, host.GetEnvironmentVariable("PATH") ?? string.Empty, apps, host);
        // Claude Code, Codex and Gemini CLI are started from a terminal: they have the shell's PATH.
        if (file.Client.StartedFromTerminal)
            return onShellPath is not null ? null : new(string.Empty, CheckOutcome.Fail, $"{where} runs '{entry.Command}', which is not on your PATH", fix);

        var guiPath = apps.GuiPath;
        if (FindOnPath(entry.Command, guiPath, apps, host) is not null)
            return null;
        return onShellPath is not null
            ? new(string.Empty, CheckOutcome.Warn, $"{where} runs '{entry.Command}' without a path: your shell finds {onShellPath}, but {file.Client.DisplayName} started from the Dock or Start menu gets PATH={guiPath} and will not", fix)
            : new(string.Empty, CheckOutcome.Fail, $"{where} runs '{entry.Command}', which is neither on your PATH nor on the PATH GUI apps get ({guiPath})", fix);
    }

    private static string? FindOnPath(string command, string path, IClientAppFolders apps, IHostEnvironment host)
    {
        foreach (var folder in path.Split(apps.Syntax.ListSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in apps.CommandFileNames(command))
            {
                var candidate = apps.Syntax.Combine(folder, name);
                if (host.FileExists(candidate))
                    return candidate;
            }
        }

        return null;
    }
}
