namespace McpShim.Sandbox.Linux;

/// <summary>One rlimit the launcher sets (soft and hard) before it executes the server; never above the user's own.</summary>
internal readonly record struct ResourceLimit(int Resource, ulong Value);
