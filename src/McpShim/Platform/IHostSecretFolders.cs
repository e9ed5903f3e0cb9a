using McpShim.Secrets;

namespace McpShim.Platform;

/// <summary>
/// Host folders for <c>secretsAs: files</c>: a private folder per container on a host tmpfs, bind-mounted at
/// /run/secrets. A capability: Linux and macOS have it, Windows hosts do not (yet).
/// </summary>
internal interface IHostSecretFolders
{
    bool Supported { get; }

    /// <summary>Writes the secrets for a container; <paramref name="key"/> names the folder (session id or warm container).</summary>
    SecretFiles Write(string key, IReadOnlyList<SecretValue> secrets, string containerUser, bool removeOnCleanup);

    /// <summary>Removes a warm container's folder once the container is gone; true when there was one and it went.</summary>
    bool RemoveFolder(string key);
}
