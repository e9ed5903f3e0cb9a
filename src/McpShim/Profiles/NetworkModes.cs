using System.Text.RegularExpressions;

namespace McpShim.Profiles;

/// <summary>
/// <c>network</c> (issue 14): <c>none</c>, <c>bridge</c> or a user-defined network's name. Modes that share another
/// namespace are refused unless <c>unsafe</c> names them: <c>host</c> (<c>network-host</c>), <c>container:NAME</c>
/// (<c>network-container</c>) and <c>ns:PATH</c> (<c>network-ns</c>); any other <c>KIND:VALUE</c> is refused.
/// </summary>
internal static partial class NetworkModes
{
    public enum Kind
    {
        Isolated,
        Named,
        Host,
        Container,
        Namespace,
        Invalid,
    }

    /// <summary>What a network setting is; for <see cref="Kind.Invalid"/>, <paramref name="problem"/> says why and the fix.</summary>
    public static Kind Classify(string network, out string problem)
    {
        problem = string.Empty;
        if (network == "none")
            return Kind.Isolated;
        if (string.Equals(network, "host", StringComparison.OrdinalIgnoreCase))
            return Kind.Host;
        if (network.StartsWith("container:", StringComparison.Ordinal) && Name().IsMatch(network["container:".Length..]))
            return Kind.Container;
        if (network.StartsWith("ns:", StringComparison.Ordinal) && ContainerPaths.Normalise(network["ns:".Length..], rootAllowed: false, out _) is { } path &&
            path == network["ns:".Length..])
        {
            return Kind.Namespace;
        }

        if (Name().IsMatch(network))
            return Kind.Named;
        problem = $"'{ControlCharacters.Escape(network)}' is not a network mcpshim can use: give \"none\" (the default), \"bridge\", " +
                  "or a user-defined network's name (letters, digits, '_', '.', '-'; see 'docker network ls'). " +
                  "Sharing another namespace needs \"unsafe\": \"host\" (\"network-host\"), \"container:NAME\" (\"network-container\"), \"ns:/PATH\" (\"network-ns\").";
        return Kind.Invalid;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\\z")]
    private static partial Regex Name();
}
