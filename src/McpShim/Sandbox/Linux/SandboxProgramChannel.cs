using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace McpShim.Sandbox.Linux;

/// <summary>
/// How a <see cref="SandboxProgram"/> reaches the launcher: on its stdin, before the client's first frame, as a 4-byte
/// length and then the body, all integers little-endian. The launcher reads exactly that many bytes with read(2), so
/// the server's stdin starts at the frame. The body is fixed-width fields a C launcher walks with bounds checks
/// (src/McpShim.SandboxLauncher/mcpshim-sandbox.c reads the same layout):
/// <code>
/// "mcpshim-sandbox-rules/2" NUL
/// u32 landlock_abi, u32 ruleset_size, u64 handled_fs, u64 handled_net, u64 scoped, u64 file_rights
/// u32 n, n × { u32 resource, u64 value }                        rlimits
/// u32 n, n × { u64 access, u32 exact, u32 length, path bytes }  Landlock path rules (no NUL in a path)
/// u32 n, n × { u64 port }                                       Landlock CONNECT_TCP ports
/// u32 n, n × { u16 code, u8 jt, u8 jf, u32 k }                  the seccomp-BPF program
/// u32 length, executable bytes
/// </code>
/// The format comes first, so a launcher from another build (<c>mcpshim-sandbox</c> left beside a newer mcpshim)
/// refuses to start rather than misread the rules.
/// </summary>
internal static class SandboxProgramChannel
{
    public const string Format = "mcpshim-sandbox-rules/2";

    public const string OtherBuild =
        "the launcher and mcpshim come from different builds (the rules are not in its format); install mcpshim-sandbox " +
        "from the same build as mcpshim, beside it ('./build.sh publish' puts both in artifacts/bin), or remove it";

    private const int MaxBytes = 16 << 20;

    public static byte[] Encode(SandboxProgram program)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        body.Write(Encoding.ASCII.GetBytes(Format + "\0"));
        U32(body, (uint)program.LandlockAbi);
        U32(body, (uint)program.RulesetSize);
        U64(body, program.HandledFs);
        U64(body, program.HandledNet);
        U64(body, program.Scoped);
        U64(body, program.FileRights);
        U32(body, (uint)program.Limits.Count);
        foreach (var limit in program.Limits)
        {
            U32(body, (uint)limit.Resource);
            U64(body, limit.Value);
        }

        U32(body, (uint)program.Paths.Count);
        foreach (var path in program.Paths)
        {
            U64(body, path.Access);
            U32(body, path.Exact ? 1u : 0u);
            Text(body, path.Path);
        }

        U32(body, (uint)program.ConnectPorts.Count);
        foreach (var port in program.ConnectPorts)
            U64(body, port);
        U32(body, (uint)program.Filter.Count);
        foreach (var instruction in program.Filter)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(body.GetSpan(2), instruction.Code);
            body.Advance(2);
            body.Write([instruction.JumpTrue, instruction.JumpFalse]);
            U32(body, instruction.K);
        }

        Text(body, program.Executable);
        var message = new byte[4 + body.WrittenCount];
        BinaryPrimitives.WriteInt32LittleEndian(message, body.WrittenCount);
        body.WrittenSpan.CopyTo(message.AsSpan(4));
        return message;
    }

    /// <summary>Reads a program from <paramref name="fd"/> without reading one byte past it.</summary>
    public static SandboxProgram Read(int fd)
    {
        var head = new byte[4];
        ReadExactly(fd, head);
        var length = BinaryPrimitives.ReadInt32LittleEndian(head);
        if (length is <= 0 or > MaxBytes)
            throw new SandboxException($"the rules on stdin claim {length} bytes; mcpshim's launcher must be started by mcpshim itself");
        var body = new byte[length];
        ReadExactly(fd, body);
        return Decode(body);
    }

    private static SandboxProgram Decode(byte[] body)
    {
        var format = Encoding.ASCII.GetBytes(Format + "\0");
        if (!body.AsSpan().StartsWith(format))
            throw new SandboxException(OtherBuild);
        var reader = new Reader(body, format.Length);
        try
        {
            var abi = (int)reader.U32();
            var size = (int)reader.U32();
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)size, 24u, "ruleset size");
            ulong handledFs = reader.U64(), handledNet = reader.U64(), scoped = reader.U64(), fileRights = reader.U64();
            var limits = new List<ResourceLimit>();
            for (var n = reader.Count(12); n > 0; n--)
                limits.Add(new((int)reader.U32(), reader.U64()));
            var paths = new List<LandlockPathRule>();
            for (var n = reader.Count(16); n > 0; n--)
                paths.Add(new(reader.U64(), reader.U32() != 0, reader.Text()));
            var ports = new List<ulong>();
            for (var n = reader.Count(8); n > 0; n--)
                ports.Add(reader.U64());
            var filter = new List<SeccompFilter.Instruction>();
            var instructions = reader.Count(8);
            // BPF_MAXINSNS: the kernel takes 1 to 4096 instructions.
            ArgumentOutOfRangeException.ThrowIfZero(instructions, "filter");
            ArgumentOutOfRangeException.ThrowIfGreaterThan(instructions, 4096, "filter");
            for (var n = instructions; n > 0; n--)
                filter.Add(new(reader.U16(), reader.U8(), reader.U8(), reader.U32()));
            var executable = reader.Text();
            reader.End();
            return new SandboxProgram
            {
                LandlockAbi = abi, RulesetSize = size, HandledFs = handledFs, HandledNet = handledNet, Scoped = scoped, FileRights = fileRights,
                Limits = limits, Paths = paths, ConnectPorts = ports, Filter = filter, Executable = executable,
            };
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or DecoderFallbackException or OverflowException)
        {
            throw new SandboxException("the rules on stdin are not valid: " + ex.Message, ex);
        }
    }

    private static void U32(ArrayBufferWriter<byte> body, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(body.GetSpan(4), value);
        body.Advance(4);
    }

    private static void U64(ArrayBufferWriter<byte> body, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(body.GetSpan(8), value);
        body.Advance(8);
    }

    private static void Text(ArrayBufferWriter<byte> body, string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
            throw new SandboxException($"a path holds a NUL character: '{text}'");
        var bytes = Encoding.UTF8.GetBytes(text);
        U32(body, (uint)bytes.Length);
        body.Write(bytes);
    }

    private static unsafe void ReadExactly(int fd, byte[] buffer)
    {
        var done = 0;
        fixed (byte* start = buffer)
        {
            while (done < buffer.Length)
            {
                var n = LinuxKernel.read(fd, start + done, buffer.Length - done);
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }

                if (n < 0 && Marshal.GetLastPInvokeError() == 4 /* EINTR */)
                    continue;
                throw new SandboxException($"stdin ended after {done} of {buffer.Length} bytes of rules");
            }
        }
    }

    /// <summary>A bounds-checked cursor over the body; running past its end throws ArgumentOutOfRangeException.</summary>
    private sealed class Reader(byte[] body, int offset)
    {
        private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public byte U8() => Take(1)[0];

        public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        /// <summary>A count of items at least <paramref name="itemBytes"/> long each, checked against what is left.</summary>
        public int Count(int itemBytes)
        {
            var n = U32();
            ArgumentOutOfRangeException.ThrowIfGreaterThan(n, (uint)((body.Length - offset) / itemBytes), "count");
            return (int)n;
        }

        public string Text()
        {
            var text = Strict.GetString(Take(checked((int)U32())));
            return text.Contains('\0', StringComparison.Ordinal) ? throw new ArgumentOutOfRangeException(nameof(text), "a path holds a NUL character") : text;
        }

        public void End() => ArgumentOutOfRangeException.ThrowIfNotEqual(offset, body.Length, "trailing bytes");

        private ReadOnlySpan<byte> Take(int count)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, body.Length - offset, "field");
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            var span = body.AsSpan(offset, count);
            offset += count;
            return span;
        }
    }
}
