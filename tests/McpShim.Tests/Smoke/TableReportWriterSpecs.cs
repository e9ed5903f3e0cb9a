using McpShim.Smoke;
using McpShim.Tests.Support;

namespace McpShim.Tests.Smoke;

public sealed class TableReportWriterSpecs
{
    [Fact]
    public void I_can_read_every_check_in_an_aligned_table_with_the_failures_in_full_below_it()
    {
        var output = new StringWriter();

        TableReportWriter.Write(SampleReports.TwoProfiles(), output);

        Snapshot.Match(output.ToString(), "table");
    }

    [Fact]
    public void A_long_detail_is_cut_in_the_table_but_kept_whole_in_the_failures()
    {
        var report = new SmokeReport { Version = "0", StartedAt = "t", Host = "h" };
        var profile = new ProfileReport("p", "run");
        var detail = "the text content does not contain \"needle\"; it is " + new string('x', 300);
        profile.Add(SmokePhase.Calls, "tools/call echo", CheckStatus.Fail, 1, detail);
        report.Profiles.Add(profile);
        var output = new StringWriter();

        TableReportWriter.Write(report, output);

        var lines = output.ToString().Split('\n');
        var row = Assert.Single(lines, l => l.StartsWith("p ", StringComparison.Ordinal));
        Assert.True(row.Length < 200, row);
        Assert.EndsWith("…", row, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EndsWith(detail, StringComparison.Ordinal));
        Assert.StartsWith("FAILED (p): 1 profile, 1 checks: 0 passed, 1 failed", lines.First(l => l.StartsWith("FAILED", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_says_passed_only_when_nothing_failed_and_says_interrupted_when_cut_short()
    {
        var report = SampleReports.TwoProfiles();
        Assert.StartsWith("FAILED (garbage): 2 profiles, 8 checks: 6 passed, 1 failed, 1 skipped in 2.3 s", TableReportWriter.Summary(report), StringComparison.Ordinal);

        report.Profiles.RemoveAt(1);
        Assert.Equal("PASSED: 1 profile, 5 checks: 5 passed, 0 failed, 0 skipped in 2.3 s", TableReportWriter.Summary(report));

        report.Interrupted = true;
        Assert.StartsWith("INTERRUPTED: ", TableReportWriter.Summary(report), StringComparison.Ordinal);
    }
}
