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

    /// <summary>The client a sample belongs to: its name up to the first dot (cursor.json and the generic samples: Cursor).</summary>
    public static McpClient ClientOf(string sample) => McpClient.Find(sample.Split('.')[0]) ?? McpClient.Cursor;
}
