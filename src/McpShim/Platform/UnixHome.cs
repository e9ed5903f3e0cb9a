namespace McpShim.Platform;

/// <summary><c>$HOME</c>, else what the runtime reports: the same on Linux and macOS.</summary>
internal static class UnixHome
{
    public static string Of(IHostEnvironment host) =>
        host.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : host.UserProfileFallback;
}
