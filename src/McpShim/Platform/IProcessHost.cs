using System.Diagnostics;

namespace McpShim.Platform;

/// <summary>How processes work on this OS: who we are, whether a pid still lives, how to ask one to stop, the shell, stdio.</summary>
internal interface IProcessHost
{
    /// <summary>The numeric uid on Unix; the user name on Windows. Goes into container labels.</summary>
    string Uid { get; }

    /// <summary>A stamp of the process's start that guards against pid reuse, where the OS offers one; else null.</summary>
    string? StartStamp(int pid);

    /// <summary>Whether the process that stamped a label is still alive (same pid and, where known, same start).</summary>
    bool IsAlive(int pid, string? startStamp);

    /// <summary>Asks <paramref name="process"/> to stop: SIGTERM where there are signals (it may clean up), else a kill.</summary>
    void Terminate(Process process);

    /// <summary><paramref name="command"/> in the OS's shell (<c>/bin/sh -c</c>, <c>cmd.exe /d /c</c>), inheriting mcpshim's environment.</summary>
    CliWrap.Command Shell(string command);

    /// <summary>The process's own stdin as a byte stream for the relay.</summary>
    Stream OpenStandardInput();

    /// <summary>The process's own stdout as a byte stream for the relay.</summary>
    Stream OpenStandardOutput();

    /// <summary>Best effort: makes a pipe to or from a child hold more, where the OS allows it.</summary>
    void EnlargePipe(Stream stream);

    /// <summary>
    /// A way to move streamed frames from <paramref name="source"/> to <paramref name="destination"/> without copying
    /// them through mcpshim, where the OS and the two streams allow it; null means copy.
    /// </summary>
    Relay.IZeroCopyRoute? ZeroCopyRoute(Stream source, Stream destination);

    /// <summary>The bytes waiting to be read in <paramref name="stream"/>'s pipe or socket, without reading them; -1 where that cannot be told.</summary>
    int PendingInput(Stream stream);

    /// <summary>
    /// Reserves <paramref name="bytes"/> of address space that the OS backs only page by page, as it is first written
    /// (see <see cref="ReservedMemory"/>); 0 where the OS offers no such thing (the caller grows an array instead).
    /// </summary>
    nint ReserveMemory(nuint bytes);
}
