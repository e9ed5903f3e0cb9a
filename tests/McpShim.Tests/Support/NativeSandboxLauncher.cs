using System.Diagnostics;

namespace McpShim.Tests.Support;

/// <summary>
/// The C launcher (src/McpShim.SandboxLauncher/mcpshim-sandbox.c) built for these tests with the system's C compiler,
/// which native AOT on Linux needs anyway: once per test run, into a temporary folder, with the publish's warnings.
/// </summary>
internal static class NativeSandboxLauncher
{
    private static readonly Lazy<string> Built = new(Build);

    public static string Path => Built.Value;

    private static string Build()
    {
        var source = System.IO.Path.Combine(RepoPaths.Root, "src", "McpShim.SandboxLauncher", "mcpshim-sandbox.c");
        var output = System.IO.Path.Combine(Directory.CreateTempSubdirectory("mcpshim-launcher-").FullName, "mcpshim-sandbox");
        // As the publish does: the first of cc, clang and gcc on PATH.
        var compiler = new[] { "cc", "clang", "gcc" }
            .Select(name => McpShim.Sandbox.CommandRuntime.Find(name, Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin", "/"))
            .FirstOrDefault(found => found is not null) ?? throw new InvalidOperationException("no C compiler (cc, clang or gcc) on PATH: native AOT needs one too");
        var start = new ProcessStartInfo(compiler) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var word in (string[])["-std=c11", "-O2", "-Wall", "-Wextra", "-Wconversion", "-Werror", "-o", output, source])
            start.ArgumentList.Add(word);
        using var cc = Process.Start(start) ?? throw new InvalidOperationException("cc did not start");
        var errors = cc.StandardError.ReadToEndAsync();
        cc.StandardOutput.ReadToEnd();
        cc.WaitForExit();
        return cc.ExitCode == 0 ? output : throw new InvalidOperationException($"{compiler} failed to build {source} (exit {cc.ExitCode}):\n{errors.Result}");
    }
}
