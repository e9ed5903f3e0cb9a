namespace McpShim.Profiles;

/// <summary>
/// The words a profile's <c>unsafe</c> list may hold. Each allows one thing mcpshim refuses by default; a host path
/// in the list allows that one mount. Every allowance used prints a warning line per session.
/// </summary>
internal static class UnsafeOptions
{
    public const string Privileged = "privileged";
    public const string NetworkHost = "network-host";
    public const string NetworkContainer = "network-container";
    public const string NetworkNamespace = "network-ns";
    public const string PidHost = "pid-host";
    public const string CapAdd = "cap-add";
    public const string WritableRoot = "writable-root";
    public const string Root = "root";
    public const string CriticalExec = "critical-exec";

    /// <summary>A critical-risk profile under another runtime than the file's <c>criticalRuntime</c> (issue 19).</summary>
    public const string CriticalRuntime = "critical-runtime";

    /// <summary>Mode local without the host sandbox (issue 16); the only way on Windows.</summary>
    public const string Unsandboxed = "unsandboxed";

    public static readonly string[] Words = [Privileged, NetworkHost, NetworkContainer, NetworkNamespace, PidHost, CapAdd, WritableRoot, Root, CriticalExec, CriticalRuntime, Unsandboxed];

    /// <summary>A host path (to allow a refused mount) rather than one of <see cref="Words"/>.</summary>
    public static bool IsPath(string entry) => entry.StartsWith('/') || entry.StartsWith('~') || entry.StartsWith('.');
}
