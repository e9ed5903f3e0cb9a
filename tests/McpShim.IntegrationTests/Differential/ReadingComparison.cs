namespace McpShim.IntegrationTests.Differential;

/// <summary>What each reader made of one byte stream, and the first place two of them part.</summary>
internal sealed class ReadingComparison
{
    private ReadingComparison(IReadOnlyDictionary<string, IReadOnlyList<ReadMessage>> byReader) => ByReader = byReader;

    public IReadOnlyDictionary<string, IReadOnlyList<ReadMessage>> ByReader { get; }

    public static ReadingComparison Of(ReadOnlySpan<byte> stream, IReadOnlyList<IReaderEmulation>? readers = null)
    {
        var byReader = new Dictionary<string, IReadOnlyList<ReadMessage>>();
        foreach (var reader in readers ?? ReaderEmulations.All)
            byReader[reader.Name] = reader.Read(stream);
        return new ReadingComparison(byReader);
    }

    /// <summary>Every tools/call any reader would run, with the reader's name.</summary>
    public IEnumerable<(string Reader, ReadMessage Call)> ToolCalls =>
        ByReader.SelectMany(pair => pair.Value.Where(m => m.IsToolCall && m.Tool is not null).Select(m => (pair.Key, m)));

    /// <summary>Null when all readers read the same messages; else where and how the first two that differ part.</summary>
    public string? FirstDisagreement()
    {
        var (firstName, first) = ByReader.First();
        foreach (var (name, messages) in ByReader.Skip(1))
        {
            var count = Math.Max(first.Count, messages.Count);
            for (var i = 0; i < count; i++)
            {
                var a = i < first.Count ? first[i] : null;
                var b = i < messages.Count ? messages[i] : null;
                if (a != b)
                    return $"message {i}: {firstName} read [{a?.ToString() ?? "nothing"}], {name} read [{b?.ToString() ?? "nothing"}] " +
                           $"({firstName}: {first.Count} messages, {name}: {messages.Count})";
            }
        }
        return null;
    }
}
