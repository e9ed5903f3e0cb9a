using System.Globalization;
using McpShim.Smoke;

namespace McpShim.Cli;

/// <summary>The command line of <c>mcpshim test</c>.</summary>
internal sealed record TestRequest(
    IReadOnlyList<string> Profiles, bool All, string? JUnitFile, string? JsonFile, double? TimeoutSeconds, string? ConfigFile)
{
    public const double MaxTimeoutSeconds = 3600;

    public TimeSpan Timeout => TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : SmokeOptions.DefaultTimeout;

    /// <summary>What is wrong with the command line, or null.</summary>
    public string? Problem()
    {
        if (Profiles.Count == 0 && !All)
            return "name the profiles to test, e.g. 'mcpshim test everything', or test them all with 'mcpshim test --all' (see 'mcpshim list').";
        if (Profiles.Count > 0 && All)
            return $"give profile names or --all, not both (got {string.Join(", ", Profiles)} and --all).";
        if (TimeoutSeconds is { } seconds && (double.IsNaN(seconds) || seconds <= 0 || seconds > MaxTimeoutSeconds))
            return $"--timeout must be a number of seconds above 0 and at most {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}, e.g. --timeout 60.";
        if (JUnitFile is not null && JsonFile is not null && Path.GetFullPath(JUnitFile) == Path.GetFullPath(JsonFile))
            return "--junit and --json name the same file; give each report its own.";
        return null;
    }
}
