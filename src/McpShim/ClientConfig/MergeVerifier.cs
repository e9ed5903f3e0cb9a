using System.Text.Json;
using McpShim.Policy.Schema;

namespace McpShim.ClientConfig;

/// <summary>
/// Proves a merge before anything is written: the result parses, every key outside the servers object and every
/// other server is unchanged, mcpshim's entries say what they should, and every comment of the file is still there,
/// in order. It reads both texts with the client's own <see cref="IClientFileSyntax"/>, so it holds for JSON, TOML
/// and YAML alike. A failure is a bug in the editor; the user gets the entries to paste by hand, and the file is
/// untouched.
/// </summary>
internal static class MergeVerifier
{
    public static void Verify(string before, string after, McpClient client, IReadOnlyList<ServerEntry> entries, string file)
    {
        if (Problem(before, after, client, entries) is { } problem)
        {
            throw new ClientConfigException(
                $"{file}: mcpshim could not edit this file safely ({problem}); nothing was written. Please report it, and " +
                $"add the entries by hand (see 'mcpshim config {client.Name} {string.Join(' ', entries.Select(e => e.Name))}'), " +
                $"e.g. {client.Syntax.Example(entries[0], client)}.");
        }
    }

    private static string? Problem(string before, string after, McpClient client, IReadOnlyList<ServerEntry> entries)
    {
        using var afterDocument = TryRead(client, after);
        if (afterDocument?.RootElement is not { ValueKind: JsonValueKind.Object } newRoot)
            return "the result would not parse";
        if (!client.Syntax.Comments(before).SequenceEqual(client.Syntax.Comments(after)))
            return "a comment would have been lost";
        using var beforeDocument = string.IsNullOrWhiteSpace(before) ? null : TryRead(client, before);
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
        var oldServers = oldRoot.ValueKind == JsonValueKind.Object && oldRoot.TryGetProperty(client.ServersKey, out var s) && s.ValueKind == JsonValueKind.Object
            ? s.EnumerateObject().Where(p => !ours.Contains(p.Name)).ToList()
            : [];
        var newServers = servers.EnumerateObject().Where(p => !ours.Contains(p.Name)).ToList();
        if (oldServers.Count != newServers.Count || oldServers.Zip(newServers).Any(pair => pair.First.Name != pair.Second.Name || !JsonValueEquality.AreEqual(pair.First.Value, pair.Second.Value)))
            return "another server's entry would have changed";
        return null;
    }

    private static JsonDocument? TryRead(McpClient client, string text)
    {
        try
        {
            return client.Syntax.Read(text, "(merged)");
        }
        catch (ClientConfigException)
        {
            return null;
        }
    }
}
