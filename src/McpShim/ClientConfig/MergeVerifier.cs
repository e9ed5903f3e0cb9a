using System.Text.Json;
using McpShim.Policy.Schema;

namespace McpShim.ClientConfig;

/// <summary>
/// Proves a merge before anything is written: the result parses, every key outside the servers object and every
/// other server is unchanged, mcpshim's entries say what they should, and every comment of the file is still there,
/// in order. A failure is a bug in the editor; the user gets the entries to paste by hand, and the file is untouched.
/// </summary>
internal static class MergeVerifier
{
    public static void Verify(string before, string after, McpClient client, IReadOnlyList<ServerEntry> entries, string file)
    {
        if (Problem(before, after, client, entries) is { } problem)
        {
            var entry = entries[0];
            throw new ClientConfigException(
                $"{file}: mcpshim could not edit this file safely ({problem}); nothing was written. Please report it, and " +
                $"add the entries by hand (see 'mcpshim config {client.Name} {string.Join(' ', entries.Select(e => e.Name))}'), " +
                $"e.g. {EntryRenderer.Quote(entry.Name)}: {{ \"command\": {EntryRenderer.Quote(entry.Command)}, \"args\": [{string.Join(", ", entry.Args.Select(EntryRenderer.Quote))}] }}.");
        }
    }

    private static string? Problem(string before, string after, McpClient client, IReadOnlyList<ServerEntry> entries)
    {
        if (!Comments(before).SequenceEqual(Comments(after)))
            return "a comment would have been lost";

        using var afterDocument = TryParse(after);
        if (afterDocument?.RootElement is not { ValueKind: JsonValueKind.Object } newRoot)
            return "the result would not parse";
        using var beforeDocument = TryParse(before);
        var oldRoot = beforeDocument?.RootElement ?? default;

        var oldOthers = oldRoot.ValueKind == JsonValueKind.Object ? oldRoot.EnumerateObject().Where(p => p.Name != client.ServersKey).ToList() : [];
        var newOthers = newRoot.EnumerateObject().Where(p => p.Name != client.ServersKey).ToList();
        if (oldOthers.Count != newOthers.Count || oldOthers.Zip(newOthers).Any(pair => pair.First.Name != pair.Second.Name || !JsonValueEquality.AreEqual(pair.First.Value, pair.Second.Value)))
            return "a key outside \"" + client.ServersKey + "\" would have changed";

        if (!newRoot.TryGetProperty(client.ServersKey, out var servers) || servers.ValueKind != JsonValueKind.Object)
            return $"\"{client.ServersKey}\" would be missing";
        foreach (var entry in entries)
        {
            if (!servers.TryGetProperty(entry.Name, out var value) || !ServersMerge.IsCurrent(value, entry, client))
                return $"the entry \"{entry.Name}\" would be wrong";
        }

        var ours = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var oldServers = oldRoot.ValueKind == JsonValueKind.Object && oldRoot.TryGetProperty(client.ServersKey, out var s) ? s.EnumerateObject().Where(p => !ours.Contains(p.Name)).ToList() : [];
        var newServers = servers.EnumerateObject().Where(p => !ours.Contains(p.Name)).ToList();
        if (oldServers.Count != newServers.Count || oldServers.Zip(newServers).Any(pair => pair.First.Name != pair.Second.Name || !JsonValueEquality.AreEqual(pair.First.Value, pair.Second.Value)))
            return "another server's entry would have changed";
        return null;
    }

    private static IEnumerable<string> Comments(string text) =>
        JsoncTokenizer.Tokenize(text).Where(t => t.IsComment).Select(t => t.TextOf(text));

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsoncOptions.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
