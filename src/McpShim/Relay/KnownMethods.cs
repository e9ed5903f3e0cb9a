using System.Text.Json;

namespace McpShim.Relay;

/// <summary>The MCP methods seen on every session, matched without allocating a string per frame.</summary>
internal static class KnownMethods
{
    private static readonly string[] Names =
    [
        "ping", "tools/call", "tools/list", "initialize", "notifications/initialized", "notifications/progress",
        "notifications/cancelled", "notifications/message", "notifications/tools/list_changed", "resources/list",
        "resources/read", "resources/templates/list", "prompts/list", "prompts/get", "sampling/createMessage",
        "elicitation/create", "roots/list", "logging/setLevel", "completion/complete",
    ];

    private static readonly byte[][] Utf8 = Names.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

    /// <summary>Every method matched without allocating.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The index of a shared instance from <see cref="Find"/> (compared by reference); -1 for any other string.</summary>
    public static int IndexOf(string method)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (ReferenceEquals(Names[i], method))
                return i;
        }

        return -1;
    }

    /// <summary>The method at an index <see cref="IndexOf"/> gave.</summary>
    public static string At(int index) => Names[index];

    /// <summary>The shared instance of a known method given as UTF-8 without escapes; null for any other.</summary>
    public static string? Find(ReadOnlySpan<byte> name)
    {
        if (name.Length == 4 && name.SequenceEqual("ping"u8))
            return Names[0]; // the method of most frames in a busy session
        for (var i = 1; i < Utf8.Length; i++)
        {
            var known = Utf8[i];
            if (known.Length == name.Length && name.SequenceEqual(known))
                return Names[i];
        }

        return null;
    }

    /// <summary>The method of a string token: a shared instance for a known one.</summary>
    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
            return null;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && Find(reader.ValueSpan) is { } known)
            return known;
        return reader.GetString();
    }
}
