using System.Text.Json;

namespace McpShim.Benchmarks;

/// <summary>The temporary profiles file the benchmark hands to mcpshim with --config.</summary>
internal static class ProfilesFile
{
    public static void Write(string path, IReadOnlyDictionary<string, object> profiles)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("profiles");
        foreach (var (name, profile) in profiles)
        {
            json.WritePropertyName(name);
            JsonSerializer.Serialize(json, profile);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// A local profile; with MCPSHIM_BENCH_POLICY set, that JSON object is its "policy" (what a policy costs). Without
    /// <paramref name="sandboxed"/> it says <c>"unsafe": ["unsandboxed"]</c>, so the relay's numbers stay the relay's.
    /// </summary>
    public static object Local(IEnumerable<string> command, bool sandboxed = false)
    {
        var profile = new Dictionary<string, object> { ["mode"] = "local", ["command"] = command.ToArray() };
        if (!sandboxed)
            profile["unsafe"] = new[] { "unsandboxed" };
        if (Environment.GetEnvironmentVariable("MCPSHIM_BENCH_POLICY") is { Length: > 0 } policy)
            profile["policy"] = JsonDocument.Parse(policy).RootElement.Clone();
        return profile;
    }

    public static object Exec(string image, IEnumerable<string> command) =>
        new Dictionary<string, object> { ["mode"] = "exec", ["image"] = image, ["command"] = command.ToArray() };

    /// <summary>A run-mode profile under the given engine runtime (issue 19), the image's own command.</summary>
    public static object Run(string image, string runtime) =>
        new Dictionary<string, object> { ["mode"] = "run", ["image"] = image, ["runtime"] = runtime };
}
