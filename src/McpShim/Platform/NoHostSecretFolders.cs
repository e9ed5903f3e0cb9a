using McpShim.Secrets;
using Microsoft.Extensions.Logging;

namespace McpShim.Platform;

/// <summary>Windows: no private tmpfs to put secret files on, so profiles use <c>secretsAs: env</c>.</summary>
internal sealed class NoHostSecretFolders : IHostSecretFolders
{
    public bool Supported => false;

    public SecretFiles Plan(string key, bool removeOnCleanup) =>
        throw new NotSupportedException("secret files are not supported on this host; check Supported first.");

    public void Write(SecretFiles files, IReadOnlyList<SecretValue> secrets, string containerUser) =>
        throw new NotSupportedException("secret files are not supported on this host; check Supported first.");

    public bool RemoveFolder(string key) => false;

    public int RemoveDeadSessionFolders(ILogger logger) => 0;
}
