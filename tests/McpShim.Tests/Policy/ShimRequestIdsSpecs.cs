using McpShim.Policy;

namespace McpShim.Tests.Policy;

public sealed class ShimRequestIdsSpecs
{
    [Fact]
    public void Ids_are_quoted_strings_with_a_random_session_part_and_never_repeat()
    {
        var ids = new ShimRequestIds();
        var other = new ShimRequestIds();

        var made = Enumerable.Range(0, 1000).Select(_ => ids.Next()).ToList();

        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.All(made, id => Assert.Matches("^\"mcpshim-[0-9a-f]{12}-[0-9]+\"$", id));
        Assert.All(made, id => Assert.True(ids.IsMine(id)));
        Assert.All(made, id => Assert.False(other.IsMine(id))); // another mcpshim in a chain keeps its own answers
        Assert.False(ids.IsMine("\"srv-1\""));
        Assert.False(ids.IsMine("1"));
    }
}
