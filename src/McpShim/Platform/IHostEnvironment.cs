namespace McpShim.Platform;

/// <summary>
/// What the per-OS parts read from the machine: environment variables and whether a file or folder exists. Tests
/// hand in a fake one to cover macOS and Windows on a Linux machine.
/// </summary>
internal interface IHostEnvironment
{
    string? GetEnvironmentVariable(string name);

    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>The user's profile folder as the runtime knows it, for when HOME/USERPROFILE is unset.</summary>
    string UserProfileFallback { get; }
}
