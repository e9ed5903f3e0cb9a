using McpShim.Platform;

namespace McpShim.Tests.Support;

/// <summary>A machine made of a dictionary of variables and a list of existing files and folders.</summary>
internal sealed class FakeHostEnvironment(IReadOnlyDictionary<string, string> variables, IEnumerable<string>? files = null, IEnumerable<string>? folders = null) : IHostEnvironment
{
    private readonly HashSet<string> _files = new(files ?? [], StringComparer.Ordinal);
    private readonly HashSet<string> _folders = new(folders ?? [], StringComparer.Ordinal);

    /// <summary>What the runtime would report as the user profile when HOME/USERPROFILE is unset.</summary>
    public string UserProfileFallback { get; init; } = "/fallback/home";

    /// <summary>Files on the real disk exist too (for specs that write the files they read).</summary>
    public bool SeesRealFiles { get; init; }

    public string? GetEnvironmentVariable(string name) => variables.GetValueOrDefault(name);

    public bool FileExists(string path) => _files.Contains(path) || (SeesRealFiles && File.Exists(path));

    public bool DirectoryExists(string path) => _folders.Contains(path);
}
