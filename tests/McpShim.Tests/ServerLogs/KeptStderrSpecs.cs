using System.Text;
using McpShim.Relay;
using McpShim.Secrets;
using McpShim.ServerLogs;
using McpShim.Tests.Support;

namespace McpShim.Tests.ServerLogs;

public sealed class KeptStderrSpecs
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 9, 30, 0, TimeSpan.Zero);
    private static readonly KeptStderrHeader Header = new("everything", "0a1b2c3d4e5f", "run", "image mcpshim/everything:latest (cb5a288cb290)", "mcpshim-everything-0a1b2c3d4e5f");

    [Fact(Timeout = 10_000)]
    public async Task I_can_read_the_last_sessions_stderr_with_where_it_came_from_on_stderr()
    {
        using var folder = new TempFolder();
        var clock = new FakeClock(Start);
        var path = folder.File("everything.log");
        using (var kept = KeptStderr.Start(path, Header, new ListLogger(), clock)!)
        {
            kept.Append("Starting default (STDIO) server..."u8);
            clock.Advance(TimeSpan.FromSeconds(2));
            kept.Append("Server connected: everything"u8);
        }

        var (output, notes) = await PrintAsync(path, since: null);

        Snapshot.Match($"stdout:\n{output}stderr:\n{notes}", "print");
    }

    [Fact(Timeout = 10_000)]
    public async Task I_can_see_only_the_lines_since_a_moment()
    {
        using var folder = new TempFolder();
        var clock = new FakeClock(Start);
        var path = folder.File("p.log");
        using (var kept = KeptStderr.Start(path, Header, new ListLogger(), clock)!)
        {
            kept.Append("old line"u8);
            clock.Advance(TimeSpan.FromMinutes(30));
            kept.Append("new line"u8);
        }

        var (output, _) = await PrintAsync(path, since: Start.AddMinutes(10));

        Assert.Equal("new line\n", output);
    }

    [Fact]
    public void The_kept_file_is_owner_only_and_stays_under_its_limit_keeping_the_newest_lines()
    {
        using var folder = new TempFolder();
        var path = folder.File("logs/p.log");
        using (var kept = KeptStderr.Start(path, Header, new ListLogger(), new FakeClock(Start), maxBytes: 8192)!)
        {
            for (var i = 0; i < 2000; i++)
                kept.Append(Encoding.UTF8.GetBytes($"line {i:D4} of the server's chatter"));
        }

        var text = File.ReadAllText(path);
        Assert.True(new FileInfo(path).Length <= 8192 + 100, $"{new FileInfo(path).Length} bytes");
        Assert.StartsWith(KeptStderrHeader.Prefix + "profile everything", text, StringComparison.Ordinal);
        Assert.Contains("line 1999 of the server's chatter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 0000 ", text, StringComparison.Ordinal);
        Assert.Contains("older lines dropped", text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.File("logs")));
        }
    }

    [Fact]
    public void A_new_session_replaces_the_kept_file_while_the_old_one_writes_only_to_its_own_copy()
    {
        using var folder = new TempFolder();
        var path = folder.File("p.log");
        using var first = KeptStderr.Start(path, Header with { SessionId = "first" }, new ListLogger(), new FakeClock(Start))!;
        first.Append("from the first session"u8);
        using var second = KeptStderr.Start(path, Header with { SessionId = "second" }, new ListLogger(), new FakeClock(Start))!;
        first.Append("late line of the first session"u8);
        second.Append("from the second session"u8);

        var text = File.ReadAllText(path);
        Assert.Contains("session second", text, StringComparison.Ordinal);
        Assert.Contains("from the second session", text, StringComparison.Ordinal);
        Assert.DoesNotContain("first session", text, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact(Timeout = 10_000)]
    public async Task The_forwarder_keeps_the_servers_stderr_with_secrets_redacted()
    {
        using var folder = new TempFolder();
        var path = folder.File("p.log");
        var redactor = new SecretRedactor([new SecretValue("API_TOKEN", "s3cr3t-value-123", "env")]);
        using var kept = KeptStderr.Start(path, Header, new ListLogger(), new FakeClock(Start))!;
        var source = new MemoryStream("ready\nusing token s3cr3t-value-123 now\n"u8.ToArray());
        var forwarder = new StderrForwarder(source, new MemoryStream(), "p", redactor, kept);

        forwarder.Start();
        await forwarder.Completion;

        var (output, _) = await PrintAsync(path, since: null);
        Assert.Equal("ready\nusing token [redacted:API_TOKEN] now\n", output);
    }

    [Fact(Timeout = 10_000)]
    public async Task I_can_follow_the_kept_stderr_and_the_next_session_that_replaces_it()
    {
        using var folder = new TempFolder();
        var path = folder.File("p.log");
        using var first = KeptStderr.Start(path, Header with { SessionId = "first" }, new ListLogger(), new FakeClock(Start))!;
        first.Append("one"u8);
        var output = new LockedWriter();
        var notes = new LockedWriter();
        using var stop = new CancellationTokenSource();

        var following = KeptStderrPrinter.PrintAsync(path, null, follow: true, output, notes, stop.Token);
        await WaitForAsync(() => output.Text == "one\n");
        first.Append("two"u8);
        await WaitForAsync(() => output.Text == "one\ntwo\n");
        using var second = KeptStderr.Start(path, Header with { SessionId = "second" }, new ListLogger(), new FakeClock(Start))!;
        second.Append("three"u8);
        await WaitForAsync(() => output.Text == "one\ntwo\nthree\n");
        await stop.CancelAsync();

        Assert.True(await following);
        Assert.Contains("a new session started", notes.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task Printing_a_profile_without_a_kept_file_says_nothing_is_there()
    {
        using var folder = new TempFolder();
        Assert.False(await KeptStderrPrinter.PrintAsync(folder.File("none.log"), null, false, TextWriter.Null, TextWriter.Null, CancellationToken.None));
    }

    private static async Task<(string Output, string Notes)> PrintAsync(string path, DateTimeOffset? since)
    {
        var output = new StringWriter { NewLine = "\n" };
        var notes = new StringWriter { NewLine = "\n" };
        Assert.True(await KeptStderrPrinter.PrintAsync(path, since, follow: false, output, notes, CancellationToken.None));
        return (output.ToString(), notes.ToString());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the followed output");
            await Task.Delay(20);
        }
    }

    /// <summary>A StringWriter that a test may read while another task writes to it.</summary>
    private sealed class LockedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public LockedWriter() => NewLine = "\n";

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                    return _text.ToString();
            }
        }

        public override void Write(char value)
        {
            lock (_text)
                _text.Append(value);
        }
    }
}
