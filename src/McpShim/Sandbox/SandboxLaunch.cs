namespace McpShim.Sandbox;

/// <summary>The process to start instead of the server, and what it must read on stdin before the client's first frame.</summary>
internal sealed record SandboxLaunch(string FileName, IReadOnlyList<string> Arguments, byte[] StdinPrefix);
