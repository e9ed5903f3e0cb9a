using System.Globalization;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>
/// Makes sure the host folders the engine mounts are the ones mcpshim checked (issue 14, "no race"): a folder swapped
/// for a symlink to <c>/etc</c> between the check and the mount must not reach the container. Each bind mount is held
/// open from the session's start (<see cref="Take"/>), checked again just before the container is made
/// (<see cref="Recheck"/>), and compared once it runs (<see cref="Verify"/>): through <c>/proc/PID/root</c> the host
/// sees the object mounted at each target, which must be the checked one (same device and inode). Where the host
/// cannot look into the container (another user's process, a remote engine), the host paths are checked a third time.
/// </summary>
internal sealed class MountPins : IDisposable
{
    private readonly List<MountPin> _pins;

    private MountPins(List<MountPin> pins) => _pins = pins;

    public IReadOnlyList<MountPin> Pins => _pins;

    /// <summary>Holds each bind mount's host folder, refusing one that changed since the profile was checked.</summary>
    public static MountPins Take(ResolvedProfile profile)
    {
        var pins = new List<MountPin>();
        try
        {
            for (var i = 0; i < profile.Volumes.Count; i++)
            {
                var volume = profile.Volumes[i];
                if (volume.Named)
                    continue;
                var origin = $"{profile.Source}: $.profiles.{profile.Name}.volumes[{i.ToString(CultureInfo.InvariantCulture)}].host";
                pins.Add(Hold(volume, origin));
            }
        }
        catch
        {
            pins.ForEach(p => p.Dispose());
            throw;
        }

        return new MountPins(pins);
    }

    /// <summary>Throws when a held folder's path no longer leads to it.</summary>
    public void Recheck()
    {
        foreach (var pin in _pins)
        {
            if (pin.Changed() is { } change)
                throw Swapped(pin, change);
        }
    }

    /// <summary>
    /// Compares what the running container <paramref name="containerId"/> (first process <paramref name="pid"/> on this
    /// host) has at each target with the held folder. Throws on a difference; returns what was compared, for the log.
    /// </summary>
    public string Verify(int pid, string containerId)
    {
        if (_pins.Count == 0)
            return "no bind mounts";
        var why = LocalContainer(pid, containerId);
        var seen = new List<string>();
        foreach (var pin in _pins)
        {
            if (why is null && pin.Identity is { } expected)
            {
                var mounted = Identities.OfPath($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/root{pin.Target}", out var error);
                if (mounted == expected)
                {
                    seen.Add($"{pin.Target} is '{pin.Path}' ({expected}), seen through /proc/{pid}/root");
                    continue;
                }

                if (mounted is { } other)
                    throw Swapped(pin, $"the container has {other} at {pin.Target}, mcpshim checked {expected}");
                why = $"/proc/{pid}/root{pin.Target} cannot be read (errno {error})";
            }

            if (pin.Changed() is { } change)
                throw Swapped(pin, change);
            seen.Add($"{pin.Target}: '{pin.Path}' unchanged on the host (the container's view was not readable: {why ?? "no file identities on this OS"})");
        }

        return string.Join("; ", seen);
    }

    public void Dispose() => _pins.ForEach(p => p.Dispose());

    private static IFileIdentities Identities => ShimPlatform.Current.Identities;

    private static MountPin Hold(ResolvedVolume volume, string origin)
    {
        if (!Identities.Supported)
            return new MountPin(volume.Host, volume.Container, origin, -1, null);
        var handle = Identities.Hold(volume.Host, out var error);
        if (handle < 0)
            throw Swapped(new MountPin(volume.Host, volume.Container, origin, -1, null), $"it cannot be opened (errno {error})");
        var pin = new MountPin(volume.Host, volume.Container, origin, handle, Identities.OfHeld(handle, out _));
        // What was opened must sit at the checked path itself: a symlink swapped in on the way would show here.
        var opened = Identities.PathOfHeld(handle);
        if (opened != volume.Host || pin.Identity is null)
        {
            pin.Dispose();
            throw Swapped(pin, opened is null ? "it cannot be looked at" : $"it led to '{opened}' when opened");
        }

        return pin;
    }

    /// <summary>Null when <paramref name="pid"/> is this container's process on this host; else why the host cannot look in.</summary>
    private static string? LocalContainer(int pid, string containerId)
    {
        if (!Identities.Supported)
            return "no file identities on this OS";
        try
        {
            // The container's cgroup path names its id (docker/ID, docker-ID.scope, libpod-ID.scope): a pid from a
            // remote engine or a VM that happens to exist here does not.
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup").Contains(containerId, StringComparison.Ordinal)
                ? null
                : $"pid {pid} on this host is not the container's (the engine runs elsewhere)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"pid {pid} is not visible on this host ({ex.Message})";
        }
    }

    private static StartupException Swapped(MountPin pin, string change) => new(
        $"{pin.Origin}: '{pin.Path}', mounted at {pin.Target}, is not the folder mcpshim checked: {change}. Something replaced it " +
        "or one of its parent folders (with a symlink, say) while the session started, so mcpshim refused the session and " +
        $"stopped its container if it had one. Find what changes '{pin.Path}', then start the session again.");
}
