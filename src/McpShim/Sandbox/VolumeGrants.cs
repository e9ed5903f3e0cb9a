using McpShim.Containers;

namespace McpShim.Sandbox;

/// <summary>
/// A volume's rules. Without a <c>.mcpignore</c> the folder is one rule. With one, Landlock cannot take a right away
/// inside a granted folder, so the grant goes one entry at a time instead: a folder with an ignored entry somewhere
/// below it may only be listed, and each of its entries that is not ignored gets the volume's rights (whole, when
/// nothing below it is ignored). Ignored entries get nothing; symlinks need nothing (their target's own rule counts).
/// The cost: in a folder that directly or further down holds an ignored entry, the server cannot create files
/// (a right to create would reach the ignored one too). Read when the session starts, like the container masks.
/// </summary>
internal static class VolumeGrants
{
    public const int MaxEntries = 200_000;
    public const int MaxRules = 4_096;

    public sealed record Result(IReadOnlyList<SandboxPath> Paths, IReadOnlyList<string> Hidden);

    public static Result For(string folder, SandboxAccess access)
    {
        var whole = new SandboxPath { Path = folder, Access = access, Exact = true, Reason = "volume" };
        var file = Path.Combine(folder, IgnoreMasks.FileName);
        if (!Directory.Exists(folder) || !File.Exists(file))
            return new Result([whole], []);
        var patterns = IgnorePatterns.Parse(File.ReadLines(file));
        if (patterns.IsEmpty)
            return new Result([whole], []);

        var walk = new Walk(folder, access, patterns, file);
        var clean = walk.Visit(string.Empty, walk.Paths);
        return clean ? new Result([whole], []) : new Result(walk.Paths, walk.Hidden);
    }

    private sealed class Walk(string root, SandboxAccess access, IgnorePatterns patterns, string file)
    {
        private int _seen;
        private int _rules;

        public List<SandboxPath> Paths { get; } = [];

        public List<string> Hidden { get; } = [];

        /// <summary>True when nothing under <paramref name="relative"/> is ignored (then the caller grants it whole).</summary>
        public bool Visit(string relative, List<SandboxPath> grants)
        {
            var folder = relative.Length == 0 ? root : Path.Combine(root, relative);
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(folder).EnumerateFileSystemInfos()];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return true; // unreadable to us too: granting it whole gives the server nothing more
            }

            var own = new List<SandboxPath>();
            var direct = 0;
            var clean = true;
            foreach (var entry in entries)
            {
                if (++_seen > MaxEntries)
                    throw new SandboxException($"{file}: the folder has more than {MaxEntries} entries to check; narrow the volume.");
                var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                var isLink = entry.LinkTarget is not null;
                var isFolder = entry is DirectoryInfo && !isLink;
                if (patterns.IsIgnored(path, isFolder))
                {
                    clean = false;
                    Hidden.Add(path);
                    continue;
                }

                if (isLink)
                    continue;
                var below = new List<SandboxPath>();
                if (!isFolder || Visit(path, below))
                {
                    own.Add(new SandboxPath { Path = entry.FullName, Access = access, Exact = true, Reason = "volume" });
                    direct++;
                }
                else
                {
                    clean = false;
                    own.AddRange(below);
                }
            }

            if (clean)
                return true;
            grants.Add(new SandboxPath { Path = folder, Access = SandboxAccess.ListOnly, Exact = true, Reason = "volume (holds ignored entries)" });
            grants.AddRange(own);
            _rules += direct + 1;
            if (_rules > MaxRules)
            {
                throw new SandboxException(
                    $"{file} hides entries in folders holding more than {MaxRules} other entries, and the sandbox grants those one by one. " +
                    "Ignore whole folders instead (e.g. 'secrets/'), or narrow the volume.");
            }

            return false;
        }
    }
}
