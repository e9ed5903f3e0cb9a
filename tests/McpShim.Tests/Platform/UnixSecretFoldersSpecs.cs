using McpShim.Platform;
using McpShim.Secrets;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

/// <summary>A session's secrets folder is named after its mcpshim, so it can be removed once that mcpshim is dead (issue 14).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnixSecretFoldersSpecs : IDisposable
{
    private readonly TempFolder _runtime = new();
    private readonly ListLogger _logger = new();

    [LinuxFact]
    public void A_session_folder_of_a_dead_mcpshim_is_removed_and_live_and_warm_ones_are_kept()
    {
        var folders = Folders();
        var self = Environment.ProcessId;
        var mine = folders.Plan("live0001", removeOnCleanup: true);
        folders.Write(mine, [new SecretValue("TOKEN", "s3cret", "test")], "65532:65532");
        var warm = folders.Plan("mcpshim-memory-alice", removeOnCleanup: false);
        folders.Write(warm, [new SecretValue("TOKEN", "s3cret", "test")], "65532:65532");
        var parent = Path.GetDirectoryName(mine.Folder)!;
        var dead = Path.Combine(parent, "dead0001.owner-4194000-1");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "TOKEN"), "left behind");
        File.SetUnixFileMode(dead, UnixFileMode.UserRead | UnixFileMode.UserExecute); // as a written folder is left

        var removed = folders.RemoveDeadSessionFolders(_logger);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(dead));
        Assert.EndsWith($"live0001.owner-{self}-{ProcessIdentity.StartStamp(self)}", mine.Folder);
        Assert.True(File.Exists(Path.Combine(mine.Folder, "TOKEN")));
        Assert.True(File.Exists(Path.Combine(warm.Folder, "TOKEN")));
        Assert.Contains(_logger.Lines, l => l.Contains(dead, StringComparison.Ordinal));
    }

    [LinuxFact]
    public void A_session_folder_is_removed_at_cleanup_although_its_files_made_it_read_only()
    {
        var folders = Folders();
        var files = folders.Plan("gone0001", removeOnCleanup: true);
        folders.Write(files, [new SecretValue("TOKEN", "s3cret", "test")], "65532:65532");

        files.Cleanup();

        Assert.False(Directory.Exists(files.Folder));
    }

    public void Dispose() => _runtime.Dispose();

    private UnixSecretFolders Folders() =>
        new(new FakeHostEnvironment(new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = _runtime.Path }, folders: [_runtime.Path]), new LinuxProcessHost());
}
