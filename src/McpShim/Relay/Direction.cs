namespace McpShim.Relay;

/// <summary>Which way a frame travels.</summary>
internal enum Direction
{
    ClientToServer,
    ServerToClient,
}
