using McpShim.Secrets;

namespace McpShim.Platform;

/// <summary>Windows: no private tmpfs to put secret files on, so profiles use <c>secretsAs: env</c>.</summary>
internal sealed class NoHostSecretFolders : IHostSecretFolders
{
    public bool Supported => false;

    public SecretFiles Write(string key, IReadOnlyList<SecretValue> secrets, string containerUser, bool removeOnCleanup) =>
        throw new NotSupportedException("secret files are not supported on this host; check Supported first.");

    public bool RemoveFolder(string key) => false;
}
