namespace McpShim.Cli;

/// <summary>Process exit codes (sysexits.h where one fits).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>The server could not be started: engine missing or down, image missing.</summary>
    public const int Unavailable = 69;

    /// <summary>The configuration is wrong.</summary>
    public const int Config = 78;

    /// <summary>Stopped by SIGINT or SIGTERM (128 + 2, as shells report Ctrl-C).</summary>
    public const int Interrupted = 130;
}
