namespace McpShim.FakeServer;

/// <summary>
/// Writes a given number of bytes to stderr in lines, synchronously: if the reader does not drain stderr, the server
/// blocks here and never answers, which is what a test of stderr draining looks for.
/// </summary>
internal static class StderrFlood
{
    private const int LineLength = 100;

    public static void Write(long bytes)
    {
        var chunk = new byte[64 * LineLength];
        for (var i = 0; i < chunk.Length; i++)
            chunk[i] = (i + 1) % LineLength == 0 ? (byte)'\n' : (byte)'e';

        using var stderr = Console.OpenStandardError();
        var left = bytes;
        while (left > 0)
        {
            var count = (int)Math.Min(left, chunk.Length);
            stderr.Write(chunk, 0, count);
            left -= count;
        }

        stderr.Flush();
    }
}
