using McpShim.ServerLogs;

namespace McpShim.Tests.ServerLogs;

public sealed class LogSinceSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("1.5h", 5400)]
    public void I_can_give_a_duration_back_from_now(string text, int seconds)
    {
        Assert.True(LogSince.TryParse(text, Now, out var since));
        Assert.Equal(Now.AddSeconds(-seconds), since);
    }

    [Fact]
    public void I_can_give_a_timestamp()
    {
        Assert.True(LogSince.TryParse("2026-03-04T11:15:00Z", Now, out var since));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 11, 15, 0, TimeSpan.Zero), since);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("10")]
    [InlineData("5 minutes")]
    public void Anything_else_is_refused_with_examples(string text)
    {
        Assert.False(LogSince.TryParse(text, Now, out _));
        Assert.Contains("1h30m", LogSince.Explain(text), StringComparison.Ordinal);
    }
}
