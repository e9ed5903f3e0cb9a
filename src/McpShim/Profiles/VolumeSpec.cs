namespace McpShim.Profiles;

/// <summary>A bind mount: <c>{ "host": "~/projects", "container": "/workspace", "readOnly": true }</c>.</summary>
internal sealed class VolumeSpec
{
    public string? Host { get; init; }

    public string? Container { get; init; }

    public bool? ReadOnly { get; init; }
}
