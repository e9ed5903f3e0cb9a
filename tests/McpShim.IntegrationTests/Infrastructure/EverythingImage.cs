namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>The image the tests run: @modelcontextprotocol/server-everything over stdio (images/everything).</summary>
internal static class EverythingImage
{
    public const string Name = "mcpshim/everything:latest";

    /// <summary>
    /// The TypeScript SDK inside the image drops any stdio frame over 10 MiB (STDIO_DEFAULT_MAX_BUFFER_SIZE), so a
    /// "10 MB" message is 10,000,000 bytes minus room for JSON escaping and the envelope.
    /// </summary>
    public const int LargestEchoChars = 10_000_000 - 65_536;

    public static async Task EnsurePresentAsync()
    {
        if (!await Docker.ImageExistsAsync(Name))
        {
            throw new InvalidOperationException(
                $"The test image {Name} is missing. Build it with `./build.sh images` in the repository root.");
        }
    }
}
