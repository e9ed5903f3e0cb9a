namespace McpShim.Profiles;

/// <summary>
/// A problem with the user's configuration. The message names the file, the JSON path and the fix, and is shown to
/// the user as is.
/// </summary>
internal sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>
    /// Set when a built-in profile cannot serve the working folder it was started in: a property of where it runs, not
    /// of the profile, so <c>mcpshim test --all</c> skips it rather than failing.
    /// </summary>
    public string? WorkingFolder { get; init; }

    public static ConfigException At(string file, string jsonPath, string problem) =>
        new($"{file}: {jsonPath}: {problem}");
}
