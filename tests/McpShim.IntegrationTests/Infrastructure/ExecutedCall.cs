namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>A tools/call a reader server ran: its record in MCPSHIM_DIFF_CALLS (id as <c>RequestIdText</c>).</summary>
internal sealed record ExecutedCall(string Reader, string Tool, string? Id)
{
    public override string ToString() => $"{Reader} ran {Tool} (id {Id ?? "?"})";
}
