namespace McpShim.Platform;

/// <summary>The real machine: the process's environment and file system.</summary>
internal sealed class SystemHostEnvironment : IHostEnvironment
{
    public static SystemHostEnvironment Instance { get; } = new();

    public string UserProfileFallback => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);
}
