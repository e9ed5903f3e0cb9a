using System.Text.Json;
using McpShim.Json;
using McpShim.Profiles;

namespace McpShim.Policy;

/// <summary>The pinned tool definitions of one profile, as read from its pins file.</summary>
internal sealed class ToolPins
{
    private readonly Dictionary<string, string> _hashes;

    private ToolPins(string path, Dictionary<string, string> hashes, string? problem)
    {
        Path = path;
        _hashes = hashes;
        Problem = problem;
    }

    public string Path { get; }

    /// <summary>Why no pins could be read (the file is missing or broken), or null.</summary>
    public string? Problem { get; }

    public IReadOnlyDictionary<string, string> Hashes => _hashes;

    /// <summary>
    /// <c>pins/PROFILE.json</c> in the profiles file's folder; for a built-in profile, in mcpshim's config folder
    /// (<see cref="ConfigPaths.ConfigFolder"/>), where a profiles file would be.
    /// </summary>
    public static string PathFor(ProfileEntry entry)
    {
        var folder = entry.Source == BuiltInProfiles.Source
            ? ConfigPaths.ConfigFolder
            : System.IO.Path.GetDirectoryName(entry.Source)!;
        return System.IO.Path.Combine(folder, "pins", entry.Name + ".json");
    }

    public static ToolPins Load(string path)
    {
        if (!File.Exists(path))
            return new ToolPins(path, [], $"nothing is pinned yet ({path} does not exist)");
        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllText(path), ShimJsonContext.Default.PinsDocument);
            return new ToolPins(path, new Dictionary<string, string>(document?.Tools ?? [], StringComparer.Ordinal), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return new ToolPins(path, [], $"the pins file {path} cannot be read ({ex.Message})");
        }
    }

    /// <summary>Writes the pins of <paramref name="tools"/> (folder yours alone, file replaced whole, never half-written).</summary>
    public static void Save(string path, string profile, string server, IEnumerable<ToolDefinition> tools)
    {
        var document = new PinsDocument
        {
            Profile = profile,
            PinnedAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Server = server,
            Tools = tools.OrderBy(t => t.Name, StringComparer.Ordinal).ToDictionary(t => t.Name, t => t.Hash, StringComparer.Ordinal),
        };
        var folder = System.IO.Path.GetDirectoryName(path)!;
        Platform.ShimPlatform.Current.Files.CreatePrivateFolder(folder);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(document, ShimJsonContext.Default.PinsDocument) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    public PinState StateOf(ToolDefinition tool) =>
        !_hashes.TryGetValue(tool.Name, out var pinned) ? PinState.New
        : pinned == tool.Hash ? PinState.Pinned
        : PinState.Changed;

    public string? PinnedHash(string tool) => _hashes.GetValueOrDefault(tool);
}
