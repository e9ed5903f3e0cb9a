using McpShim.Policy;

namespace McpShim.Tests.Policy;

public sealed class ToolNameGlobSpecs
{
    [Theory]
    [InlineData("read_file", "read_file", true)]
    [InlineData("read_file", "read_files", false)]
    [InlineData("read_*", "read_file", true)]
    [InlineData("read_*", "read_", true)]
    [InlineData("read_*", "write_file", false)]
    [InlineData("*delete*", "delete", true)]
    [InlineData("*delete*", "bulk_delete_files", true)]
    [InlineData("*delete*", "remove", false)]
    [InlineData("get-?", "get-a", true)]
    [InlineData("get-?", "get-", false)]
    [InlineData("get-?", "get-ab", false)]
    [InlineData("*", "", true)]
    [InlineData("*", "anything at all", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "abcbc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("**x", "yyx", true)]
    [InlineData("Read_*", "read_file", false)] // tool names are case-sensitive
    [InlineData("a.b", "aXb", false)] // no regex: '.' is a dot
    [InlineData("[ab]", "[ab]", true)]
    public void It_matches_star_and_question_mark_and_nothing_else(string pattern, string name, bool expected) =>
        Assert.Equal(expected, new ToolNameGlob(pattern).Matches(name));

    [Fact]
    public void A_long_name_against_many_stars_stays_fast()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        var matched = new ToolNameGlob("*a*a*a*a*a*a*a*a*b").Matches(new string('a', 5000));

        Assert.False(matched);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), started.Elapsed.ToString());
    }
}
