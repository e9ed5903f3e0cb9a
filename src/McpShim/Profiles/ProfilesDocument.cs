namespace McpShim.Profiles;

/// <summary>The profiles file as written by the user (public contract: keep the JSON names).</summary>
internal sealed class ProfilesDocument
{
    public AuditSpec? Audit { get; init; }

    public Dictionary<string, ProfileSpec>? Profiles { get; init; }
}
