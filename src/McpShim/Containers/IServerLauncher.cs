namespace McpShim.Containers;

/// <summary>Starts a profile's server one way (local, run, exec) and knows how to stop and clean up after it.</summary>
internal interface IServerLauncher
{
    /// <summary>The image as it ran (name and id) for the audit, or null in local mode.</summary>
    string? ImageRef { get; }

    /// <summary>The container the server runs in (the session's, or the warm one), or null in local mode.</summary>
    string? ContainerName { get; }

    /// <summary>The profile's secrets, resolved by <see cref="StartAsync"/> (for redaction; values never logged).</summary>
    IReadOnlyList<Secrets.SecretValue> Secrets { get; }

    /// <summary>Starts the server. Throws <see cref="StartupException"/> with a fix when it cannot.</summary>
    Task<ServerProcess> StartAsync(CancellationToken cancellationToken);

    /// <summary>Called when the server did not exit within the grace period after its stdin closed.</summary>
    Task ForceStopAsync(ServerProcess process);

    /// <summary>Called once the session is over, whatever happened: nothing may be left behind.</summary>
    Task CleanupAsync();
}
