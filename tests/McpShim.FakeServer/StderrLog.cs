namespace McpShim.FakeServer;

/// <summary>The server's diagnostics. Only stderr: stdout carries nothing but frames.</summary>
internal static class StderrLog
{
    public static void Write(string message) => Console.Error.WriteLine("fake server: " + message);
}
