namespace McpShim.Inspection;

/// <summary>A container carrying <c>io.mcpshim.managed=true</c>, with the labels mcpshim wrote on it.</summary>
internal sealed record ManagedContainer(
    string Id,
    string Name,
    string State,
    string Mode,
    string Profile,
    string OwnerPid,
    string OwnerHost,
    string OwnerUid,
    string OwnerUser,
    string? OwnerStart)
{
    public bool Running => State.Equals("running", StringComparison.OrdinalIgnoreCase);
}
