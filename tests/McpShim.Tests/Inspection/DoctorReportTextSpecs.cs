using McpShim.Inspection;
using McpShim.Tests.Support;

namespace McpShim.Tests.Inspection;

public sealed class DoctorReportTextSpecs
{
    [Fact]
    public void I_can_read_one_line_per_check_with_the_fix_of_each_problem()
    {
        DoctorCheck[] checks =
        [
            new("engine", CheckOutcome.Ok, "docker 27.3.1 answers (/usr/bin/docker)", "never shown for a passing check"),
            new("config", CheckOutcome.Fail, "/home/alice/.config/mcpshim/profiles.json: the profiles file is writable by other users (mode 0666). Fix: chmod go-w '/home/alice/.config/mcpshim/profiles.json'", "not repeated"),
            new("image", CheckOutcome.Warn, "mcpshim/memory:latest missing, needed by memory", "build it: './build.sh images' in the mcpshim repository."),
            new("image", CheckOutcome.Fail, "ghcr.io/example/github-mcp:1.2 missing, needed by github", "pull it: docker pull ghcr.io/example/github-mcp:1.2"),
            new("disk (engine)", CheckOutcome.Ok, "41.5 GiB free at /var/lib/docker"),
        ];
        var output = new StringWriter();

        DoctorReportText.Write(checks, output);

        Snapshot.Match(output.ToString(), "report");
    }

    [Fact]
    public void A_report_without_failures_says_so_and_counts_the_warnings()
    {
        var output = new StringWriter();

        DoctorReportText.Write([new("engine", CheckOutcome.Ok, "up"), new("clock", CheckOutcome.Warn, "engine differs by 40 s", "sync both clocks with NTP.")], output);

        Assert.EndsWith("all 2 checks passed (1 with a warning).\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
