using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using McpShim.Json;

namespace McpShim.Profiles;

/// <summary>
/// Reads a profiles file with the source-generated context and turns System.Text.Json's errors into messages a user
/// can act on: the file, the JSON path, what was expected and the likely fix.
/// </summary>
internal static partial class ProfilesFileReader
{
    public static ProfilesDocument Parse(string json, string fileLabel)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ShimJsonContext.Default.ProfilesDocument)
                ?? throw new ConfigException($"{fileLabel}: the file holds 'null'; expected an object like {{\"profiles\": {{...}}}}");
        }
        catch (JsonException ex)
        {
            throw Translate(ex, fileLabel);
        }
    }

    public static ProfilesDocument Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the profiles file: {ex.Message}", ex);
        }

        return Parse(json, path);
    }

    private static ConfigException Translate(JsonException ex, string file)
    {
        var path = ex.Path ?? "$";
        var where = ex.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
        var message = ex.Message;

        var unknown = UnknownProperty().Match(message);
        if (unknown.Success)
        {
            var name = unknown.Groups["name"].Value;
            var typeName = unknown.Groups["type"].Value;
            var known = KnownProperties(typeName);
            var suggestion = Closest(name, known) is { } close ? $" Did you mean '{close}'?" : string.Empty;
            var parent = path.EndsWith("." + name, StringComparison.Ordinal) ? path[..^(name.Length + 1)] : path;
            return new ConfigException(
                $"{file}: {parent}{where}: unknown key '{name}'.{suggestion} Known keys here: {string.Join(", ", known)}.", ex);
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            var expected = Describe(ExpectedTypeAt(path));
            return new ConfigException($"{file}: {path}{where}: expected {expected}.", ex);
        }

        // Syntax errors: STJ's own text names the character; strip its trailing "Path: ..." duplication.
        var text = message.Split(" Path: ", 2)[0].Split(" LineNumber: ", 2)[0];
        return new ConfigException($"{file}: {path}{where}: not valid JSON: {text}", ex);
    }

    private static string[] KnownProperties(string typeName)
    {
        JsonTypeInfo? info = typeName switch
        {
            _ when typeName == typeof(ProfilesDocument).FullName => ShimJsonContext.Default.ProfilesDocument,
            _ when typeName == typeof(ProfileSpec).FullName => ShimJsonContext.Default.ProfileSpec,
            _ when typeName == typeof(VolumeSpec).FullName => ShimJsonContext.Default.VolumeSpec,
            _ when typeName == typeof(LimitsSpec).FullName => ShimJsonContext.Default.LimitsSpec,
            _ when typeName == typeof(AuditSpec).FullName => ShimJsonContext.Default.AuditSpec,
            _ when typeName == typeof(PolicySpec).FullName => ShimJsonContext.Default.PolicySpec,
            _ when typeName == typeof(ToolRulesSpec).FullName => ShimJsonContext.Default.ToolRulesSpec,
            _ when typeName == typeof(SmokeSpec).FullName => ShimJsonContext.Default.SmokeSpec,
            _ when typeName == typeof(EngineSpec).FullName => ShimJsonContext.Default.EngineSpec,
            _ when typeName == typeof(SmokeCallSpec).FullName => ShimJsonContext.Default.SmokeCallSpec,
            _ when typeName == typeof(SmokeExpectSpec).FullName => ShimJsonContext.Default.SmokeExpectSpec,
            _ => null,
        };
        return info is null ? [] : info.Properties.Select(p => p.Name).ToArray();
    }

    /// <summary>Walks the JSON path through the context's metadata to the type the value should have had.</summary>
    private static Type? ExpectedTypeAt(string jsonPath)
    {
        Type? type = typeof(ProfilesDocument);
        foreach (Match segment in PathSegment().Matches(jsonPath))
        {
            if (type is null || ShimJsonContext.Default.GetTypeInfo(type) is not { } info)
                return null;
            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal);
            type = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
                JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Enumerable => info.ElementType,
                _ => null,
            };
            if (type is not null)
                type = Nullable.GetUnderlyingType(type) ?? type;
        }

        return type;
    }

    private static string Describe(Type? type) => type switch
    {
        null => "a value of another type",
        _ when type == typeof(Profiles.ProfileMode) => "one of \"run\", \"exec\", \"local\"",
        _ when type == typeof(Audit.ArgumentsMode) => "one of \"keys\", \"full\", \"none\"",
        _ when type == typeof(EngineSpec) => "an engine name, e.g. \"docker\", or {\"name\": \"docker\", \"host\": \"tcp://build-box:2375\"}",
        _ when type == typeof(UpdatePolicy) => "one of \"manual\", \"startup\"",
        _ when type == typeof(string[]) => "an array of strings, e.g. [\"node\", \"server.js\"]",
        _ when type == typeof(VolumeSpec[]) => "an array of volumes, e.g. [{\"host\": \"~/projects\", \"container\": \"/workspace\"}]",
        _ when type == typeof(Dictionary<string, string>) => "an object of string values, e.g. {\"NAME\": \"value\"}",
        _ when type == typeof(Dictionary<string, ProfileSpec>) => "an object of profiles, e.g. {\"everything\": {\"image\": \"...\"}}",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(bool) => "true or false",
        _ => "an object",
    };

    private static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            row[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped to any \\.NET member contained in type '(?<type>[^']*)'")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("\\.(?<name>[^.\\[]+)|\\['(?<quoted>(?:[^']|'')*)'\\]|\\[(?<index>[0-9]+)\\]")]
    private static partial Regex PathSegment();
}
