using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// One test's world: a temp folder with its own profiles file and audit file, profiles with unique names (so
/// containers are attributable to this test), and removal of every container those profiles left behind.
/// </summary>
internal sealed class ShimSandbox : IAsyncDisposable
{
    public const string ManagedLabel = "io.mcpshim.managed=true";

    private readonly TempDirectory _directory = new();
    private readonly JsonObject _profiles = [];
    private readonly JsonObject _audit = new() { ["arguments"] = "keys" };
    private readonly JsonObject _topLevel = [];

    private ShimSandbox()
    {
        ConfigPath = _directory.File("profiles.json");
        Audit = new AuditFile(_directory.File("audit.jsonl"));
        WriteProfilesFile();
    }

    public string ConfigPath { get; }

    public AuditFile Audit { get; }

    /// <summary>MCPSHIM_CONFIG and MCPSHIM_AUDIT_FILE pointing into this sandbox.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["MCPSHIM_CONFIG"] = ConfigPath,
        ["MCPSHIM_AUDIT_FILE"] = Audit.Path,
    };

    /// <summary>A sandbox for tests that run the everything image (fails clearly when it hasn't been built).</summary>
    public static async Task<ShimSandbox> CreateAsync(bool needsImage = true)
    {
        if (needsImage)
        {
            // Reached only under MCPSHIM_REQUIRE_DOCKER=1 (DockerFact skips otherwise): say why, not "image missing".
            if (Docker.WhyUnreachable is { } reason)
                throw new InvalidOperationException($"MCPSHIM_REQUIRE_DOCKER=1 but the container engine is unreachable: {reason}");
            await EverythingImage.EnsurePresentAsync();
        }
        return new ShimSandbox();
    }

    /// <summary>Adds a profile named <c>STEM-RANDOM</c> and rewrites the profiles file; returns the name.</summary>
    public string AddProfile(string stem, JsonObject profile)
    {
        var name = $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";
        _profiles[name] = profile;
        WriteProfilesFile();
        return name;
    }

    /// <summary>A profile for the everything image in the given mode, with optional extra settings.</summary>
    public string AddEverythingProfile(string stem, string mode = "run", Action<JsonObject>? configure = null)
    {
        var profile = new JsonObject { ["image"] = EverythingImage.Name, ["mode"] = mode };
        configure?.Invoke(profile);
        return AddProfile(stem, profile);
    }

    /// <summary>Changes a profile added earlier and rewrites the profiles file.</summary>
    public void UpdateProfile(string name, Action<JsonObject> change)
    {
        change((JsonObject)_profiles[name]!);
        WriteProfilesFile();
    }

    /// <summary>The sandbox's own folder (for project folders, secrets files and the like).</summary>
    public string Folder => _directory.Path;

    /// <summary>Sets a top-level key of the profiles file, e.g. "allowedRoots" or "secretsFile".</summary>
    public void SetTopLevel(string key, JsonNode value)
    {
        _topLevel[key] = value;
        WriteProfilesFile();
    }

    public void SetAuditArguments(string mode)
    {
        _audit["arguments"] = mode;
        WriteProfilesFile();
    }

    /// <param name="shimOptions">Options for mcpshim before the profile, e.g. <c>-v</c>.</param>
    /// <param name="environment">Variables added to the sandbox's own for this session.</param>
    public Task<ShimSession> ConnectAsync(
        string profile, McpClientOptions? options = null, ConcurrentQueue<string>? stderr = null,
        IReadOnlyList<string>? shimOptions = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        ShimSession.ConnectAsync(
            profile, environment is null ? Environment : Environment.Concat(environment).ToDictionary(), options, stderr, shimOptions: shimOptions);

    /// <summary>Containers (running or stopped) that mcpshim labelled with the profile.</summary>
    public static Task<IReadOnlyList<string>> ContainersOfAsync(string profile) =>
        Docker.ContainerIdsAsync(ManagedLabel, $"io.mcpshim.profile={profile}");

    public async ValueTask DisposeAsync()
    {
        if (Docker.WhyUnreachable is null)
        {
            foreach (var (name, _) in _profiles)
                await Docker.RemoveContainersAsync(await ContainersOfAsync(name));
        }
        _directory.Dispose();
    }

    private void WriteProfilesFile()
    {
        var document = (JsonObject)_topLevel.DeepClone();
        document["audit"] = _audit.DeepClone();
        document["profiles"] = _profiles.DeepClone();
        File.WriteAllText(ConfigPath, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
