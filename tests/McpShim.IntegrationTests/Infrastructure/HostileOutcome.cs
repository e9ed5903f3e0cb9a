using System.Text;
using System.Text.Json;
using McpShim.IntegrationTests.Differential;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>What one hostile exchange left: mcpshim's stdout and stderr, the audit, and what the server ran.</summary>
internal sealed record HostileOutcome(byte[] Stdout, string Stderr, int ExitCode, IReadOnlyList<JsonElement> Audit, IReadOnlyList<ExecutedCall> Executed)
{
    /// <summary>stdout split on '\n' (the last, empty piece after the final newline left out).</summary>
    public IReadOnlyList<byte[]> StdoutLines
    {
        get
        {
            var lines = new List<byte[]>();
            var start = 0;
            for (var i = 0; i < Stdout.Length; i++)
            {
                if (Stdout[i] != (byte)'\n')
                    continue;
                lines.Add(Stdout[start..i]);
                start = i + 1;
            }
            if (start < Stdout.Length)
                lines.Add(Stdout[start..]);
            return lines;
        }
    }

    /// <summary>The client-side frames, parsed (call only once <see cref="HostileAssert.OnlyWholeFrames"/> holds).</summary>
    public IReadOnlyList<JsonElement> Frames => StdoutLines.Select(line =>
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }).ToList();

    public IEnumerable<JsonElement> Events(string name) =>
        Audit.Where(r => r.TryGetProperty("event", out var e) && e.GetString() == name);

    /// <summary>Answers whose id is the given <see cref="RequestIdText"/> (null: the answers with "id": null).</summary>
    public IEnumerable<JsonElement> AnswersTo(string? id) => Frames.Where(f =>
        !f.TryGetProperty("method", out _) && f.TryGetProperty("id", out var frameId)
        && (id is null ? frameId.ValueKind == JsonValueKind.Null : RequestIdText.Of(frameId) == id));

    public override string ToString()
    {
        var stdout = Encoding.UTF8.GetString(Stdout);
        return $"exit code {ExitCode}\n--- executed ---\n{string.Join('\n', Executed)}\n--- audit ---\n" +
               string.Join('\n', Audit.Select(r => r.GetRawText())) +
               $"\n--- stdout ({Stdout.Length} bytes) ---\n{(stdout.Length > 4000 ? stdout[..4000] + "..." : stdout)}\n--- stderr ---\n{(Stderr.Length > 4000 ? Stderr[^4000..] : Stderr)}";
    }
}
