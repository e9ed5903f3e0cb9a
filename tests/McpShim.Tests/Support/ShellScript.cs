namespace McpShim.Tests.Support;

/// <summary>An executable <c>/bin/sh</c> script standing in for a program (the engine CLI) in Unix-only specs.</summary>
internal static class ShellScript
{
    public static string Write(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
