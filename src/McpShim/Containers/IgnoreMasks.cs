using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>
/// Turns a mounted folder's <c>.mcpignore</c> into mounts that hide the matching paths inside the container: an
/// empty, read-only tmpfs over each ignored folder and <c>/dev/null</c> over each ignored file, so <c>.env</c> files,
/// keys and the like never reach the server. Read when the session starts, so edits apply to the next session. Any
/// file name can be masked: the masks are typed mounts (<see cref="ContainerMount"/>), and one the CLI fallback cannot
/// carry stops the session there rather than being skipped (issue 14).
/// </summary>
internal static class IgnoreMasks
{
    public const string FileName = ".mcpignore";
    private const int MaxEntries = 200_000;
    private const int MaxMasks = 512;

    /// <summary>Mounts hiding what <c>HOST/.mcpignore</c> lists; none when there is no such file.</summary>
    public static List<ContainerMount> For(string hostFolder, string containerFolder)
    {
        var masks = new List<ContainerMount>();
        var file = Path.Combine(hostFolder, FileName);
        if (!Directory.Exists(hostFolder) || !File.Exists(file))
            return masks;
        var patterns = IgnorePatterns.Parse(File.ReadLines(file));
        if (patterns.IsEmpty)
            return masks;

        var seen = 0;
        var pending = new Stack<string>([string.Empty]);
        while (pending.TryPop(out var relative))
        {
            var folder = relative.Length == 0 ? hostFolder : Path.Combine(hostFolder, relative);
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(folder).EnumerateFileSystemInfos();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (++seen > MaxEntries)
                    throw new StartupException($"{file}: the folder has more than {MaxEntries} entries to check; narrow the mount.");
                var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                var isFolder = entry is DirectoryInfo && entry.LinkTarget is null;
                if (patterns.IsIgnored(path, isFolder))
                {
                    var target = containerFolder.TrimEnd('/') + "/" + path;
                    var origin = $"{file}: the mask of '{ControlCharacters.Escape(path)}'";
                    var fix = $"Rename it, {EngineCliValues.UseTheApi}.";
                    masks.Add(isFolder ? ContainerMount.FolderMask(target, origin, fix) : ContainerMount.FileMask(target, origin, fix));
                    if (masks.Count > MaxMasks)
                        throw new StartupException($"{file} hides more than {MaxMasks} paths one by one; ignore their folders instead (e.g. 'secrets/').");
                }
                else if (isFolder)
                {
                    pending.Push(path);
                }
            }
        }

        return masks;
    }
}
