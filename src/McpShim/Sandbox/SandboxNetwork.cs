namespace McpShim.Sandbox;

/// <summary>What a sandboxed server may do on the network (README "Sandboxed host mode").</summary>
internal enum SandboxNetwork
{
    /// <summary><c>"network": "none"</c>: no socket but socketpair(2); TCP bind and connect denied by Landlock too.</summary>
    None,

    /// <summary>Any other network: the host's network, as the user's own programs have it.</summary>
    Open,

    /// <summary><c>connectPorts</c>: TCP connect only to those ports, no TCP bind (Landlock ABI 4 or later).</summary>
    Ports,
}
