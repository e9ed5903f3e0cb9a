using McpShim.Platform;

namespace McpShim.Containers;

/// <summary>
/// One bind mount's host folder, held from its check to the container's start (issue 14, "no race"): opened for
/// reference (<see cref="IFileIdentities.Hold"/>) at the path that was checked, with the identity (device, inode) of what that path led to.
/// </summary>
internal sealed class MountPin(string path, string target, string origin, int handle, FileIdentity? identity) : IDisposable
{
    private int _fd = handle;

    /// <summary>The checked real path, which is what the engine is given.</summary>
    public string Path { get; } = path;

    /// <summary>Where the container sees it.</summary>
    public string Target { get; } = target;

    /// <summary>The profile field, for messages: <c>FILE: $.profiles.NAME.volumes[0].host</c>.</summary>
    public string Origin { get; } = origin;

    /// <summary>The checked object's identity; null where identities cannot be read (not Linux).</summary>
    public FileIdentity? Identity { get; } = identity;

    /// <summary>
    /// Whether <see cref="Path"/> still leads to the checked object: no symlink on the way (its real path is itself)
    /// and, where identities can be read, the same device and inode. Null when it does; else what differs.
    /// </summary>
    public string? Changed()
    {
        var real = RealPath.Of(Path);
        if (real != Path)
            return real is null ? "it no longer exists" : $"it now leads to '{real}'";
        if (Identity is not { } expected)
            return null;
        var now = ShimPlatform.Current.Identities.OfPath(Path, out var error);
        return now == expected ? null : now is null ? $"it cannot be read any more (errno {error})" : $"it is now another object ({now}, checked {expected})";
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
            ShimPlatform.Current.Identities.Release(fd);
    }
}
