using System.Diagnostics;

namespace McpShim.Benchmarks;

/// <summary>Runs a short helper command (docker, dotnet, mcpshim --version) and captures its output.</summary>
internal static class CommandLine
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout, "timed out after 5 minutes");
            }

            return (process.ExitCode, stdout.Trim(), stderr.Result.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", $"{fileName}: {e.Message}");
        }
    }
}
