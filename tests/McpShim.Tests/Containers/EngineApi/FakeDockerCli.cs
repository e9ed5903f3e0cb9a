using McpShim.Containers;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers.EngineApi;

/// <summary>
/// A shell script named <c>docker</c> that records each call's arguments (one line per call) and answers with what the
/// test set: the CLI path's stand-in, to see whether (and how) mcpshim fell back to it.
/// </summary>
internal sealed class FakeDockerCli : IDisposable
{
    private readonly TempFolder _folder = new();

    public FakeDockerCli()
    {
        Path = _folder.File("docker");
        File.WriteAllText(Path, $"""
            #!/bin/sh
            echo "$*" >> '{_folder.File("calls")}'
            cat '{_folder.File("stdout")}' 2>/dev/null
            exit "$(cat '{_folder.File("exit")}' 2>/dev/null || echo 0)"

            """);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The script's path: its name is <c>docker</c>, so the Engine API rules apply to it as to the real CLI.</summary>
    public string Path { get; }

    /// <summary>The arguments of each call so far.</summary>
    public IReadOnlyList<string> Calls => File.Exists(_folder.File("calls")) ? File.ReadAllLines(_folder.File("calls")) : [];

    /// <summary>Forgets the calls so far.</summary>
    public void Reset() => File.Delete(_folder.File("calls"));

    /// <summary>What every later call prints, and its exit code.</summary>
    public void Answer(string stdout, int exitCode = 0)
    {
        File.WriteAllText(_folder.File("stdout"), stdout);
        File.WriteAllText(_folder.File("exit"), exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An engine CLI running this script, whose Engine API is the Unix socket <paramref name="socketPath"/>.</summary>
    public EngineCli Cli(string socketPath) => new(
        Path,
        FakePlatform.With(new FakeHostEnvironment(new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }) { SeesRealFiles = true }),
        new EngineEndpoint("unix://" + socketPath, null));

    public void Dispose() => _folder.Dispose();
}
