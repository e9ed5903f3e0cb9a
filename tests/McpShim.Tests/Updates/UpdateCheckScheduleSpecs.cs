using McpShim.Tests.Support;
using McpShim.Updates;

namespace McpShim.Tests.Updates;

public sealed class UpdateCheckScheduleSpecs
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public void The_first_session_checks_and_the_next_ones_wait_for_the_interval()
    {
        using var folder = new TempFolder();
        var clock = new FakeClock(Start);
        var schedule = new UpdateCheckSchedule(folder.Path, clock);

        Assert.True(schedule.TryClaim("p", Day));
        Assert.Equal(Start, schedule.LastCheck("p"));
        Assert.False(schedule.TryClaim("p", Day));
        clock.Advance(Day - TimeSpan.FromSeconds(1));
        Assert.False(schedule.TryClaim("p", Day));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(schedule.TryClaim("p", Day));
        Assert.Equal(Start + Day, schedule.LastCheck("p"));
    }

    [Fact]
    public void Each_profile_has_its_own_last_check_remembered_across_processes()
    {
        using var folder = new TempFolder();
        var clock = new FakeClock(Start);
        Assert.True(new UpdateCheckSchedule(folder.Path, clock).TryClaim("a", Day));

        var later = new UpdateCheckSchedule(folder.Path, clock); // another mcpshim process
        Assert.False(later.TryClaim("a", Day));
        Assert.True(later.TryClaim("b", Day));
    }

    [Theory]
    [InlineData(null, 0, true)]
    [InlineData(-25, 24, true)]
    [InlineData(-23, 24, false)]
    [InlineData(2, 24, true)] // the clock was set back: a check "in the future" does not block for days
    public void A_check_is_due_after_the_interval_or_when_the_clock_went_back(int? hoursAgo, int intervalHours, bool due)
    {
        DateTimeOffset? last = hoursAgo is { } h ? Start.AddHours(h) : null;
        Assert.Equal(due, UpdateCheckSchedule.IsDue(last, Start, TimeSpan.FromHours(intervalHours)));
    }

    [Fact]
    public void An_unreadable_record_counts_as_never_checked()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("p"), "garbage");

        Assert.True(new UpdateCheckSchedule(folder.Path, new FakeClock(Start)).TryClaim("p", Day));
    }
}
