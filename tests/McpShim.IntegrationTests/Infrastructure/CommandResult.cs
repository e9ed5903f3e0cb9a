namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>What a finished child process left behind.</summary>
internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Stdout}" +
        $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{Stderr}";
}
