namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// What a reader acts on in one message: its method, its request id (<see cref="RequestIdText"/>; null for a
/// notification) and, for tools/call, the tool name (null when params.name is not a string: no tool runs).
/// </summary>
internal sealed record ReadMessage(string Method, string? Id, string? Tool)
{
    public bool IsToolCall => Method == "tools/call";

    public override string ToString() => Tool is null ? $"{Method} id={Id ?? "-"}" : $"{Method} id={Id ?? "-"} tool={Tool}";
}
