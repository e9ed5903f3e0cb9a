namespace McpShim.Platform;

/// <summary>The one place that asks which OS this is, and builds that OS's <see cref="ShimPlatform"/>.</summary>
internal static class PlatformFactory
{
    public static ShimPlatform ForThisHost()
    {
        var host = SystemHostEnvironment.Instance;
        if (OperatingSystem.IsWindows())
            return Windows(host);
        return OperatingSystem.IsMacOS() ? MacOS(host) : Linux(host);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static ShimPlatform Windows(IHostEnvironment host)
    {
        var folders = new WindowsFolders(host);
        return new ShimPlatform
        {
            Name = "windows",
            Host = host,
            Syntax = PathSyntax.Windows,
            Folders = folders,
            EngineSearch = new WindowsEngineSearchPaths(host, folders),
            Files = new WindowsFileAccess(),
            Identities = new NoFileIdentities(),
            SecretFolders = new NoHostSecretFolders(),
            Signals = new WindowsSignalSource(),
            Processes = new WindowsProcessHost(),
            ClientApps = new WindowsClientAppFolders(host),
            Sandbox = new WindowsHostSandbox(),
        };
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static ShimPlatform MacOS(IHostEnvironment host)
    {
        var folders = new MacFolders(host);
        var processes = new MacProcessHost();
        return new ShimPlatform
        {
            Name = "macos",
            Host = host,
            Syntax = PathSyntax.Unix,
            Folders = folders,
            EngineSearch = new MacEngineSearchPaths(folders),
            Files = new UnixFileAccess(OpenFlags.MacOS),
            Identities = new NoFileIdentities(),
            SecretFolders = new UnixSecretFolders(host, processes),
            Signals = new UnixSignalSource(),
            Processes = processes,
            ClientApps = new MacClientAppFolders(host),
            Sandbox = new MacHostSandbox(host),
        };
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static ShimPlatform Linux(IHostEnvironment host)
    {
        var folders = new XdgFolders(host);
        var processes = new LinuxProcessHost();
        return new ShimPlatform
        {
            Name = "linux",
            Host = host,
            Syntax = PathSyntax.Unix,
            Folders = folders,
            EngineSearch = new LinuxEngineSearchPaths(folders),
            Files = new UnixFileAccess(OpenFlags.Linux),
            Identities = new LinuxFileIdentities(),
            SecretFolders = new UnixSecretFolders(host, processes),
            Signals = new UnixSignalSource(),
            Processes = processes,
            ClientApps = new LinuxClientAppFolders(host),
            Sandbox = new LinuxHostSandbox(
                host,
                Sandbox.Linux.SyscallTable.For(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture),
                System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString()),
        };
    }
}
