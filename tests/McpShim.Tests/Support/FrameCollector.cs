using McpShim.Relay;

namespace McpShim.Tests.Support;

/// <summary>Reads every item of a stream with <see cref="FrameReader"/> into plain values for assertions.</summary>
internal static class FrameCollector
{
    public static List<(FrameKind Kind, byte[] Bytes, long Length, OversizedEnvelope? Envelope)> ReadAll(Stream stream, long maxFrameBytes = 1 << 20)
    {
        var reader = new FrameReader(stream, maxFrameBytes);
        var items = new List<(FrameKind, byte[], long, OversizedEnvelope?)>();
        while (reader.TryRead(out var item))
            items.Add((item.Kind, item.Bytes.ToArray(), item.Length, item.Envelope));
        return items;
    }
}
