namespace McpShim.Profiles;

/// <summary>
/// A bind mount <c>{ "host": "~/projects", "container": "/workspace", "readOnly": true }</c>, or a named volume
/// <c>{ "volume": "mcpshim-memory", "container": "/data", "readOnly": false }</c> for data that outlives sessions.
/// </summary>
internal sealed class VolumeSpec
{
    public string? Host { get; init; }

    public string? Volume { get; init; }

    public string? Container { get; init; }

    public bool? ReadOnly { get; init; }
}
