using McpShim.Policy;

namespace McpShim.Tests.Policy;

public sealed class ShimRequestIdsSpecs
{
    [Fact]
    public void Each_id_is_128_fresh_random_bits_with_nothing_shared_between_two()
    {
        var ids = new ShimRequestIds();

        var made = Enumerable.Range(0, 2000).Select(_ => ids.Issue()).ToList();

        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.All(made, id => Assert.Matches("^mcpshim-[a-z2-7]{25}[aeimquy4]$", id)); // 25 × 5 bits, then the last 3
        // One id tells nothing about the next: consecutive ids differ in about 31 of 32 places, never in few.
        var fewestDifferences = made.Zip(made.Skip(1), (a, b) => a.Zip(b).Count(p => p.First != p.Second)).Min();
        Assert.True(fewestDifferences >= 12, $"two consecutive ids differ in only {fewestDifferences} characters");
        // Every base32 character turns up in every place but the last: no part of the id is fixed per session.
        for (var place = ShimRequestIds.Prefix.Length; place < ShimRequestIds.Prefix.Length + 25; place++)
            Assert.Equal(32, made.Select(id => id[place]).Distinct().Count());
    }

    [Fact]
    public void An_id_is_known_while_pending_and_after_its_request_is_done_but_never_by_another_session()
    {
        var ids = new ShimRequestIds();
        var other = new ShimRequestIds();

        var confirmation = ids.Issue();
        var knownWhilePending = ids.IsKnown(confirmation);
        var anyPending = ids.AnyPending;
        ids.Complete(confirmation);

        Assert.True(knownWhilePending);
        Assert.True(anyPending);
        Assert.False(ids.AnyPending);
        Assert.True(ids.IsKnown(confirmation)); // a late answer is still recognised, and dropped
        Assert.False(other.IsKnown(confirmation)); // another mcpshim in a chain passes it on
    }

    [Theory]
    [InlineData("\"mcpshim-abc\"", "mcpshim-abc")]
    [InlineData("\"\\u006dcpshim-abc\"", "mcpshim-abc")]
    [InlineData("\"mcpshim\\u002Dabc\"", "mcpshim-abc")]
    [InlineData("\"mcpshim-ab\\/c\"", "mcpshim-ab/c")]
    [InlineData("\"srv-1\"", null)]
    [InlineData("\"\\u0073rv-1\"", null)]
    [InlineData("1", null)]
    [InlineData("\"mcpshim-\\ud800\"", null)] // a lone surrogate is no id mcpshim made
    [InlineData("\"mcpshim-\\x\"", null)]
    public void Ids_are_compared_decoded_so_an_escaped_spelling_is_the_same_id(string raw, string? decoded) =>
        Assert.Equal(decoded, ShimRequestIds.Decode(raw));
}
