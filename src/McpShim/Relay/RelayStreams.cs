namespace McpShim.Relay;

/// <summary>The client side of a session: its requests in, frames out, and where diagnostics go.</summary>
internal sealed record RelayStreams(Stream ClientInput, Stream ClientOutput, Stream Diagnostics);
