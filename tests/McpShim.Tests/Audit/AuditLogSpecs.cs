using System.Text.Json;
using McpShim.Audit;
using McpShim.Tests.Support;

namespace McpShim.Tests.Audit;

public sealed class AuditLogSpecs
{
    [Fact]
    public void Many_writers_appending_at_once_never_break_a_line()
    {
        using var temp = new TempFolder();
        var path = temp.File("audit.jsonl");
        const int Writers = 8, LinesEach = 400;

        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
        {
            // One AuditLog per writer = one O_APPEND descriptor each, as separate mcpshim processes have.
            using var log = new AuditLog(path, new ListLogger());
            for (var i = 0; i < LinesEach; i++)
            {
                var pad = new string((char)('a' + w), 100 + (i * 37 % 9000));
                log.Append(System.Text.Encoding.UTF8.GetBytes($"{{\"w\":{w},\"i\":{i},\"pad\":\"{pad}\"}}\n"));
            }
        });

        var lines = File.ReadAllLines(path);
        Assert.Equal(Writers * LinesEach, lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var w = doc.RootElement.GetProperty("w").GetInt32();
            Assert.All(doc.RootElement.GetProperty("pad").GetString()!, c => Assert.Equal((char)('a' + w), c));
        }
    }

    [UnixFact]
    public void The_file_is_0600_and_its_new_folder_0700()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "state", "mcpshim", "audit.jsonl");

        using (var log = new AuditLog(path, new ListLogger()))
            log.Append("{}\n"u8);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_failure_is_reported_once_and_does_not_throw()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("not-a-folder"), "x");
        var logger = new ListLogger();
        using var log = new AuditLog(Path.Combine(temp.File("not-a-folder"), "audit.jsonl"), logger);

        log.Append("{}\n"u8);
        log.Append("{}\n"u8);

        Assert.Equal(2, log.LostLines);
        var error = Assert.Single(logger.Lines);
        Assert.Contains("audit: cannot write to", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_resumes_once_the_problem_is_fixed()
    {
        using var temp = new TempFolder();
        var blocker = temp.File("blocked");
        File.WriteAllText(blocker, "x");
        var path = Path.Combine(blocker, "audit.jsonl");
        using var log = new AuditLog(path, new ListLogger());

        log.Append("{\"n\":1}\n"u8);
        File.Delete(blocker);
        log.Append("{\"n\":2}\n"u8);

        Assert.Equal(["{\"n\":2}"], File.ReadAllLines(path));
    }
}
