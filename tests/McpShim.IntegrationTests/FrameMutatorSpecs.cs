using System.Text;
using McpShim.IntegrationTests.Differential;

namespace McpShim.IntegrationTests;

/// <summary>The fuzzer's generator: reproducible from its seed, covering every hostile class, and its clean frames
/// read alike by every reader emulation (so a disagreement in a fuzz run is mcpshim's, not the oracle's).</summary>
public sealed class FrameMutatorSpecs
{
    [Fact]
    public void A_seed_reproduces_the_same_frames()
    {
        var first = new FrameMutator(42, 1024 * 1024);
        var second = new FrameMutator(42, 1024 * 1024);
        var other = new FrameMutator(43, 1024 * 1024);

        var a = Enumerable.Range(0, 500).Select(i => first.Next(1000 + i)).ToList();
        var b = Enumerable.Range(0, 500).Select(i => second.Next(1000 + i)).ToList();
        var c = Enumerable.Range(0, 500).Select(i => other.Next(1000 + i)).ToList();

        Assert.True(a.Zip(b).All(p => p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes) && p.First.Mutations == p.Second.Mutations));
        Assert.False(a.Zip(c).All(p => p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes)));
    }

    [Fact]
    public void Five_thousand_frames_cover_every_hostile_class()
    {
        var mutator = new FrameMutator(13, 1024 * 1024);
        var notes = string.Join(' ', Enumerable.Range(0, 5000).Select(i => mutator.Next(1000 + i).Mutations));

        foreach (var kind in (string[])["dup:0:method", "dup:1:name", "dup:1:", "dup:2:", "id:", "nest:300", "nest:65", "escaped-method", "escaped-tool",
                     "escaped-key", "nan", "pad:", "whitespace", "trailing-value", "bare-cr-between", "bare-cr-inside", "go-fold-key", "key-chars",
                     "reorder", "flip", "bad-utf8", "crlf", "blank-lines", "bom", "call:delete_all"])
            Assert.Contains(kind, notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmutated_frames_read_alike_in_every_reader()
    {
        var mutator = new FrameMutator(7, 1024 * 1024);
        var clean = Enumerable.Range(0, 3000).Select(i => mutator.Next(1000 + i))
            .Where(f => !f.Mutations.Contains(' ', StringComparison.Ordinal)).ToList();
        var stream = clean.SelectMany(f => f.Bytes).ToArray();

        var comparison = ReadingComparison.Of(stream);

        Assert.True(clean.Count > 500, $"only {clean.Count} clean frames");
        Assert.Null(comparison.FirstDisagreement());
        Assert.All(comparison.ByReader.Values, messages => Assert.Equal(clean.Count, messages.Count));
        Assert.Contains(comparison.ByReader["go-decoder"], m => m.Tool == "delete_all");
        Assert.Equal(Encoding.UTF8.GetString(stream).Count(c => c == '\n'), clean.Count);
    }
}
