using McpShim.Platform;

namespace McpShim.Tests.Support;

/// <summary>This machine's platform parts with a fake environment: what the engine CLI and its search see.</summary>
internal static class FakePlatform
{
    public static ShimPlatform With(IHostEnvironment host)
    {
        var current = ShimPlatform.Current;
        return new ShimPlatform
        {
            Name = current.Name,
            Host = host,
            Syntax = current.Syntax,
            Folders = current.Folders,
            EngineSearch = current.EngineSearch,
            Files = current.Files,
            Identities = current.Identities,
            SecretFolders = current.SecretFolders,
            Signals = current.Signals,
            Processes = current.Processes,
            ClientApps = current.ClientApps,
            Sandbox = current.Sandbox,
        };
    }
}
