using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace McpShim.Sandbox;

/// <summary>
/// How the rules reach the launcher: a 4-byte little-endian length, then the rules as NUL-separated fields (a path
/// may hold any byte but NUL), written on its stdin before the client's first frame. The launcher reads exactly that
/// many bytes with read(2), so the server's stdin starts at the frame; and it parses them without a JSON library,
/// which would be one more thing to load between fork and exec.
/// Fields: the format (<see cref="Format"/>), executable, network, memory bytes (or empty), ports (comma-separated),
/// rule count, then per rule its access, 1 or 0 for exact, and its path. The format lets a launcher from another build
/// (<c>mcpshim-sandbox</c> left beside a newer mcpshim) refuse to start rather than misread the rules.
/// </summary>
internal static class SandboxRulesChannel
{
    public const string Format = "mcpshim-sandbox-rules/1";

    private const int MaxBytes = 16 << 20;

    public static byte[] Encode(SandboxRules rules)
    {
        var fields = new List<string>
        {
            Format,
            rules.Executable,
            rules.Network.ToString(),
            rules.MemoryBytes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            string.Join(',', rules.ConnectPorts.Select(p => p.ToString(CultureInfo.InvariantCulture))),
            rules.Paths.Count.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var path in rules.Paths)
        {
            if (path.Path.Contains('\0', StringComparison.Ordinal))
                throw new SandboxException($"a path holds a NUL character: '{path.Path}'");
            fields.AddRange([path.Access.ToString(), path.Exact ? "1" : "0", path.Path]);
        }

        var body = Encoding.UTF8.GetBytes(string.Join('\0', fields));
        var message = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, body.Length);
        body.CopyTo(message, 4);
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
        var body = new byte[length];
        ReadExactly(fd, body);
        return Decode(Encoding.UTF8.GetString(body).Split('\0'));
    }

    private static SandboxRules Decode(string[] fields)
    {
        if (fields[0] != Format)
        {
            throw new SandboxException(
                "the launcher and mcpshim come from different builds (the rules are not in its format); install mcpshim-sandbox " +
                "from the same build as mcpshim, beside it ('./build.sh publish' puts both in artifacts/bin), or remove it");
        }

        try
        {
            var count = int.Parse(fields[5], CultureInfo.InvariantCulture);
            if (fields.Length != 6 + (3 * count))
                throw new SandboxException($"the rules on stdin have {fields.Length} fields, not {6 + (3 * count)}");
            var paths = new List<SandboxPath>(count);
            for (var i = 6; i < fields.Length; i += 3)
                paths.Add(new SandboxPath { Access = Enum.Parse<SandboxAccess>(fields[i]), Exact = fields[i + 1] == "1", Path = fields[i + 2] });
            return new SandboxRules
            {
                Executable = fields[1],
                Network = Enum.Parse<SandboxNetwork>(fields[2]),
                MemoryBytes = fields[3].Length == 0 ? null : long.Parse(fields[3], CultureInfo.InvariantCulture),
                ConnectPorts = fields[4].Length == 0 ? [] : [.. fields[4].Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))],
                Paths = paths,
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
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
