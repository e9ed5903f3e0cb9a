namespace McpShim.Sandbox;

/// <summary>
/// mcpshim's hidden roles for sandboxed local servers (issue 16), dispatched before the command line is parsed so
/// they add as little as possible to a session's start: <c>__sandbox-exec</c> applies the sandbox and executes the
/// server; <c>__sandbox-probe</c> runs inside it for <c>mcpshim test</c> and reports what an attacker could do.
/// </summary>
internal static class SandboxRoles
{
    public const string Prefix = "__sandbox-";

    public static int Run(string[] args) => Platform.ShimPlatform.Current.Sandbox.RunRole(args);

    /// <summary>A role this host has no use for.</summary>
    public static int Unknown(string role)
    {
        Console.Error.WriteLine($"mcpshim: '{role}' is not a command here. Run 'mcpshim --help' for usage.");
        return 2;
    }
}
