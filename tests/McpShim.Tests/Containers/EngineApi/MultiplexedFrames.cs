using System.Buffers.Binary;
using System.Text;

namespace McpShim.Tests.Containers.EngineApi;

/// <summary>Builds an exec stream as the engine multiplexes it: [stream, 0, 0, 0, big-endian length] then the payload.</summary>
internal static class MultiplexedFrames
{
    public const byte Stdout = 1;
    public const byte Stderr = 2;

    public static byte[] Frame(byte stream, string payload) => Frame(stream, Encoding.UTF8.GetBytes(payload));

    public static byte[] Frame(byte stream, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    public static byte[] Concat(params byte[][] frames) => [.. frames.SelectMany(f => f)];
}
