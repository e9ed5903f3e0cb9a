using McpShim.Secrets;
using Microsoft.Extensions.Logging;

namespace McpShim.Platform;

/// <summary>
/// Host folders for <c>secretsAs: files</c>: a private folder per container on a host tmpfs, bind-mounted at
/// /run/secrets. A capability: Linux and macOS have it, Windows hosts do not (yet).
/// </summary>
internal interface IHostSecretFolders
{
    bool Supported { get; }

    /// <summary>
    /// The folder for a container, not written yet: <paramref name="key"/> names it (session id or warm container). A
    /// session's own folder (<paramref name="removeOnCleanup"/>) also carries this process's pid and start stamp in its
    /// name, so once this mcpshim is dead a later one finds and removes it (<see cref="RemoveDeadSessionFolders"/>).
    /// </summary>
    SecretFiles Plan(string key, bool removeOnCleanup);

    /// <summary>Writes the secrets into the planned folder; files already there are rewritten in place.</summary>
    void Write(SecretFiles files, IReadOnlyList<SecretValue> secrets, string containerUser);

    /// <summary>Removes a warm container's folder once the container is gone; true when there was one and it went.</summary>
    bool RemoveFolder(string key);

    /// <summary>Removes the session folders whose mcpshim is dead (killed before it could clean up); returns how many.</summary>
    int RemoveDeadSessionFolders(ILogger logger);
}
