namespace McpShim.Secrets;

/// <summary>A resolved secret. <see cref="ToString"/> never shows the value, so it cannot leak through a log by accident.</summary>
internal sealed class SecretValue(string name, string value, string source)
{
    public string Name => name;

    public string Value => value;

    /// <summary>Where it came from ("environment", the secrets file, "command"), for diagnostics.</summary>
    public string Source => source;

    public override string ToString() => $"{name} (from {source})";
}
