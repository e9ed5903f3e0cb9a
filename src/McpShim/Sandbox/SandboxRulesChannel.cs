using System.Buffers.Binary;
using System.Text.Json;

namespace McpShim.Sandbox;

/// <summary>
/// How the rules reach the launcher: a 4-byte little-endian length and the JSON, written on its stdin before the
/// client's first frame. The launcher reads exactly that many bytes with read(2), so the server's stdin starts at the
/// frame.
/// </summary>
internal static class SandboxRulesChannel
{
    private const int MaxBytes = 16 << 20;

    public static byte[] Encode(SandboxRules rules)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(rules, Json.ShimJsonContext.Default.SandboxRules);
        var message = new byte[4 + json.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, json.Length);
        json.CopyTo(message, 4);
        return message;
    }

    /// <summary>Reads the rules from <paramref name="fd"/> without reading one byte past them.</summary>
    public static SandboxRules Read(int fd)
    {
        var head = new byte[4];
        ReadExactly(fd, head);
        var length = BinaryPrimitives.ReadInt32LittleEndian(head);
        if (length is <= 0 or > MaxBytes)
            throw new SandboxException($"the rules on stdin claim {length} bytes; mcpshim's launcher must be started by mcpshim itself");
        var json = new byte[length];
        ReadExactly(fd, json);
        try
        {
            return JsonSerializer.Deserialize(json, Json.ShimJsonContext.Default.SandboxRules)
                ?? throw new SandboxException("the rules on stdin are null");
        }
        catch (JsonException ex)
        {
            throw new SandboxException("the rules on stdin are not valid: " + ex.Message, ex);
        }
    }

    private static unsafe void ReadExactly(int fd, byte[] buffer)
    {
        var done = 0;
        fixed (byte* start = buffer)
        {
            while (done < buffer.Length)
            {
                var n = Linux.LinuxKernel.read(fd, start + done, buffer.Length - done);
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }

                if (n < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == 4 /* EINTR */)
                    continue;
                throw new SandboxException($"stdin ended after {done} of {buffer.Length} bytes of rules");
            }
        }
    }
}
