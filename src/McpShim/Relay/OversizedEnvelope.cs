namespace McpShim.Relay;

/// <summary>The top-level <c>id</c> (raw JSON) and <c>method</c> of a frame too large to keep.</summary>
internal sealed record OversizedEnvelope(string? RawId, string? Method);
