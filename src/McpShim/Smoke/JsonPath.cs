using System.Globalization;
using System.Text.Json;

namespace McpShim.Smoke;

/// <summary>
/// The small JSON-path subset a smoke expectation may use: <c>$</c>, then any of <c>.name</c>, <c>['name']</c>
/// (or <c>["name"]</c>) and <c>[index]</c>, e.g. <c>$.items[0].name</c>. No wildcards, filters or recursion.
/// </summary>
internal static class JsonPath
{
    /// <summary>
    /// Finds the value at <paramref name="path"/>. Returns false with <paramref name="problem"/> set when the path is
    /// malformed or leads nowhere.
    /// </summary>
    public static bool TrySelect(JsonElement root, string path, out JsonElement value, out string? problem)
    {
        value = root;
        problem = null;
        if (!path.StartsWith('$'))
        {
            problem = $"'{path}' is not a path: start it with '$', e.g. \"$.sum\"";
            return false;
        }

        var i = 1;
        var walked = "$";
        while (i < path.Length)
        {
            string? name = null;
            int? index = null;
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not '.' and not '[')
                    end++;
                if (end == i + 1)
                    return Malformed(path, i, out problem);
                name = path[(i + 1)..end];
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] is '\'' or '"')
            {
                var quote = path[i + 1];
                var close = path.IndexOf(quote, i + 2);
                if (close < 0 || close + 1 >= path.Length || path[close + 1] != ']')
                    return Malformed(path, i, out problem);
                name = path[(i + 2)..close];
                i = close + 2;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0 || !int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    return Malformed(path, i, out problem);
                index = n;
                i = close + 1;
            }
            else
            {
                return Malformed(path, i, out problem);
            }

            if (name is not null)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out var child))
                {
                    problem = $"{walked} has no member '{name}'" + (value.ValueKind == JsonValueKind.Object ? string.Empty : $" (it is {Kind(value)})");
                    return false;
                }

                value = child;
                walked += "." + name;
            }
            else
            {
                if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
                {
                    problem = value.ValueKind == JsonValueKind.Array
                        ? $"{walked} has {value.GetArrayLength()} items, no [{index}]"
                        : $"{walked} is {Kind(value)}, not an array";
                    return false;
                }

                value = value[index!.Value];
                walked += $"[{index}]";
            }
        }

        return true;
    }

    /// <summary>"an object", "a string", ... for messages.</summary>
    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static bool Malformed(string path, int at, out string? problem)
    {
        problem = $"'{path}' is not a path this supports (at character {at + 1}): use $.name, $['name'] and $[0], e.g. \"$.items[0].name\"";
        return false;
    }
}
