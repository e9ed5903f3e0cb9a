namespace McpShim.Smoke;

/// <summary>How <c>mcpshim test</c> runs each profile.</summary>
/// <param name="Timeout">The longest wait for the server to start and for each answer (<c>--timeout</c>).</param>
/// <param name="ServerStderr">Where the server's stderr lines go (<c>[profile] line</c>); <see cref="Stream.Null"/> keeps only the tail for messages.</param>
internal sealed record SmokeOptions(TimeSpan Timeout, Stream ServerStderr)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
}
