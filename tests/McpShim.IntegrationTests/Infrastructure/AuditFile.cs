using System.Text.Json;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>The audit JSON-Lines file a test pointed mcpshim at with MCPSHIM_AUDIT_FILE.</summary>
internal sealed class AuditFile(string path)
{
    public string Path { get; } = path;

    public string ReadText() => File.Exists(Path) ? File.ReadAllText(Path) : string.Empty;

    /// <summary>Every line, parsed; a line that is not one JSON object fails the test.</summary>
    public IReadOnlyList<JsonElement> ReadRecords()
    {
        var records = new List<JsonElement>();
        foreach (var line in ReadText().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            records.Add(document.RootElement.Clone());
        }
        return records;
    }

    /// <summary>Polls until a record with the event appears (mcpshim writes session.end as it exits).</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForEventAsync(string eventName, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var records = ReadRecords();
            if (records.Any(r => r.TryGetProperty("event", out var e) && e.GetString() == eventName))
                return records;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"no '{eventName}' record in {Path} within {timeout}; the file holds:\n{ReadText()}");
            await Task.Delay(100);
        }
    }
}
