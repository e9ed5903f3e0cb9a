using McpShim.Sandbox.Linux;

namespace McpShim.Tests.Sandbox;

/// <summary>
/// Runs a classic-BPF seccomp program the way the kernel does, for the instructions <see cref="SeccompFilter"/> uses
/// (absolute word loads, JEQ/JGE/JSET against a constant, RET). Anything else fails the test.
/// </summary>
internal static class BpfMachine
{
    public const uint Allow = 0x7FFF0000;
    public const uint KillProcess = 0x80000000;

    public static uint Errno(int errno) => 0x00050000 | (uint)errno;

    /// <summary>The action for one syscall: <paramref name="args"/> are its arguments (missing ones are 0).</summary>
    public static uint Run(IReadOnlyList<SeccompFilter.Instruction> program, uint arch, int nr, params ulong[] args)
    {
        // struct seccomp_data: int nr, u32 arch, u64 instruction_pointer, u64 args[6].
        var data = new byte[64];
        BitConverter.GetBytes(nr).CopyTo(data, 0);
        BitConverter.GetBytes(arch).CopyTo(data, 4);
        for (var i = 0; i < args.Length; i++)
            BitConverter.GetBytes(args[i]).CopyTo(data, 16 + (8 * i));

        uint a = 0;
        for (var pc = 0; pc < program.Count; pc++)
        {
            var op = program[pc];
            switch (op.Code)
            {
                case 0x20:
                    Assert.True(op.K + 4 <= data.Length, $"load beyond seccomp_data at {pc}");
                    a = BitConverter.ToUInt32(data, (int)op.K);
                    break;
                case 0x15:
                    pc += a == op.K ? op.JumpTrue : op.JumpFalse;
                    break;
                case 0x35:
                    pc += a >= op.K ? op.JumpTrue : op.JumpFalse;
                    break;
                case 0x45:
                    pc += (a & op.K) != 0 ? op.JumpTrue : op.JumpFalse;
                    break;
                case 0x06:
                    return op.K;
                default:
                    Assert.Fail($"unexpected BPF opcode 0x{op.Code:x} at {pc}");
                    break;
            }

            Assert.True(pc + 1 <= program.Count, $"jump past the end of the program at {pc}");
        }

        Assert.Fail("the program ran off its end without returning");
        return 0;
    }
}
