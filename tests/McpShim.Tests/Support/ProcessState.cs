namespace McpShim.Tests.Support;

/// <summary>Whether a process still runs, as /proc tells: a killed child nobody has reaped yet is a zombie, not alive.</summary>
internal static class ProcessState
{
    public static bool IsGone(int pid)
    {
        // The kill is sent before the wait returns, but the kernel may take a moment to end the process.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (!IsRunning(pid))
                return true;
            Thread.Sleep(100);
        }

        return false;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
