using System.Globalization;
using McpShim.Platform;

namespace McpShim.Containers;

/// <summary>
/// Which sessions on this host use a warm container, kept beside mcpshim's state (issue 14): one empty file per
/// session, <c>PID-STAMP.SESSION</c>, in <c>warm/NAME/</c>, and a lock file that makes "who else is in there?" and
/// what follows from it (recreate, sweep, exec) one step. A lease whose mcpshim is dead counts as gone: its session
/// ended without sweeping, which the next session does.
/// </summary>
internal sealed class WarmLeases(string folder, SessionInfo session)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    private string Own => Path.Combine(folder, $"{session.Pid.ToString(CultureInfo.InvariantCulture)}-{session.StartStamp}.{session.Id}");

    /// <summary>
    /// Holds the container's lock until disposed. An advisory lock on an open file (flock on Unix): it goes with the
    /// process, so a killed mcpshim never leaves it held.
    /// </summary>
    public async Task<IDisposable> LockAsync(string containerName, CancellationToken cancellationToken)
    {
        var path = folder + ".lock";
        try
        {
            ShimPlatform.Current.Files.CreatePrivateFolder(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable(ex);
        }

        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock(2) on Unix and a share lock on Windows; it fails at once when held.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw Unusable(ex);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new StartupException(
                    $"waited {LockWait.TotalSeconds:0} s for another session to finish starting or ending the warm container " +
                    $"'{containerName}' (lock file {path}: {ex.Message}). Retry; if it persists, see which mcpshim holds it with 'fuser {path}'.", ex);
            }
        }
    }

    /// <summary>Under the lock: how many other sessions are alive, and whether a dead one's lease was found (and removed).</summary>
    public (int LiveOthers, bool HadDead) Census()
    {
        try
        {
            return CountLeases();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable(ex);
        }
    }

    /// <summary>Under the lock, before the session's exec starts: from now on no other session sweeps the container.</summary>
    public void Take()
    {
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Own, []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable(ex);
        }
    }

    /// <summary>Under the lock, once the session's server is stopped.</summary>
    public void Release()
    {
        try
        {
            File.Delete(Own);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable(ex);
        }
    }

    private StartupException Unusable(Exception ex) => new(
        $"cannot keep the warm container's leases in {folder} ({ex.Message}). They live in mcpshim's state folder, " +
        "which must be yours and writable: 'mcpshim doctor' checks it.", ex);

    private (int LiveOthers, bool HadDead) CountLeases()
    {
        var live = 0;
        var dead = false;
        if (!Directory.Exists(folder))
            return (0, false);
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            if (path == Own)
                continue;
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dot < 0 || dash <= 0 || dash > dot || !int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            var stamp = name[(dash + 1)..dot];
            if (ProcessIdentity.IsAlive(pid, stamp.Length == 0 ? null : stamp))
            {
                live++;
                continue;
            }

            dead = true;
            File.Delete(path);
        }

        return (live, dead);
    }
}
