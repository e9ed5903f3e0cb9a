namespace McpShim.Profiles;

/// <summary>The profiles file as written by the user (public contract: keep the JSON names).</summary>
internal sealed class ProfilesDocument
{
    public AuditSpec? Audit { get; init; }

    /// <summary>Host folders every profile's volumes may come from (default: your home folder's contents).</summary>
    public string[]? AllowedRoots { get; init; }

    /// <summary>The secrets file (default: <c>secrets.env</c> in the config folder, <see cref="ConfigPaths.ConfigFolder"/>).</summary>
    public string? SecretsFile { get; init; }

    /// <summary>The runtime every <c>"risk": "critical"</c> profile runs under unless it names another (issue 19).</summary>
    public string? CriticalRuntime { get; init; }

    public Dictionary<string, ProfileSpec>? Profiles { get; init; }
}
