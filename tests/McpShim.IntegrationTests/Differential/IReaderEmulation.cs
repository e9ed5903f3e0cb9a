namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// How one kind of MCP server turns the bytes on its stdin into messages: where a message ends, how its text is
/// decoded and parsed, and which of two equal keys it believes.
/// </summary>
internal interface IReaderEmulation
{
    string Name { get; }

    /// <summary>The messages a server of this kind acts on, in order, from everything it received.</summary>
    IReadOnlyList<ReadMessage> Read(ReadOnlySpan<byte> stream);
}
