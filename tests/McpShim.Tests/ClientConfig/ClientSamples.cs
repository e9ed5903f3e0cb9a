using System.Runtime.CompilerServices;
using McpShim.ClientConfig;

namespace McpShim.Tests.ClientConfig;

/// <summary>The real client files under Samples/ (read from the source tree, so the CRLF one stays CRLF), and the entries the specs write.</summary>
internal static class ClientSamples
{
    public const string Shim = "/opt/mcpshim/bin/mcpshim";

    public static IReadOnlyList<ServerEntry> Entries { get; } =
    [
        new("everything", Shim, ["everything"]),
        new("filesystem", Shim, ["filesystem", "--config", "/home/alice/work/profiles.json"]),
    ];

    public static string PathOf(string sample, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Samples", sample);

    public static string Text(string sample) => File.ReadAllText(PathOf(sample));

    public static McpClient ClientOf(string sample) => sample switch
    {
        _ when sample.StartsWith("vscode", StringComparison.Ordinal) => McpClient.VsCode,
        _ when sample.StartsWith("claude-code", StringComparison.Ordinal) => McpClient.ClaudeCode,
        _ when sample.StartsWith("claude-desktop", StringComparison.Ordinal) => McpClient.ClaudeDesktop,
        _ => McpClient.Cursor,
    };
}
