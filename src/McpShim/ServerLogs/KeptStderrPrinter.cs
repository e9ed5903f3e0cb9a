using System.Text;

namespace McpShim.ServerLogs;

/// <summary>
/// Prints a kept stderr file: the server's lines to <c>output</c> without their times, the session header to
/// <c>notes</c> (stderr). With <c>follow</c> it keeps printing lines as they come, and the next session's file
/// when a new session replaces it, until cancelled.
/// </summary>
internal static class KeptStderrPrinter
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>False when there is no file (nothing printed).</summary>
    public static async Task<bool> PrintAsync(
        string path, DateTimeOffset? since, bool follow, TextWriter output, TextWriter notes, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return false;

        string? header = null;
        long position = 0;
        var pending = new StringBuilder();
        while (true)
        {
            var (currentHeader, bytes, length) = ReadFrom(path, header, position);
            if (currentHeader is not null && currentHeader != header)
            {
                // First read, or a new session replaced the file: start over from its top.
                if (header is not null)
                    await notes.WriteLineAsync("mcpshim: a new session started; following its stderr.");
                header = currentHeader;
                pending.Clear();
                await notes.WriteLineAsync("mcpshim: " + currentHeader[KeptStderrHeader.Prefix.Length..]);
            }

            position = length;
            pending.Append(Encoding.UTF8.GetString(bytes));
            var text = pending.ToString();
            var end = text.LastIndexOf('\n');
            if (end >= 0)
            {
                foreach (var line in text[..end].Split('\n'))
                    await WriteAsync(KeptLine.Parse(line), since, output, notes);
                pending.Remove(0, end + 1);
            }

            await output.FlushAsync(cancellationToken);
            if (!follow)
                return true;
            try
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return true;
            }
        }
    }

    private static async Task WriteAsync(KeptLine line, DateTimeOffset? since, TextWriter output, TextWriter notes)
    {
        if (line.Text.StartsWith(KeptLine.TrimmedMarker, StringComparison.Ordinal))
        {
            // The header has no time (shown already); a timed one is mcpshim's own note that the file was trimmed.
            if (line.Time is not null)
                await notes.WriteLineAsync("mcpshim:" + line.Text[KeptLine.TrimmedMarker.Length..]);
            return;
        }

        if (since is { } cutoff && line.Time is { } time && time < cutoff)
            return;
        await output.WriteLineAsync(Logging.SafeText.Escape(line.Text));
    }

    /// <summary>
    /// The file's header line and its bytes from <paramref name="position"/> on (from the start when the header differs
    /// from <paramref name="knownHeader"/>, or when the writer trimmed the file below what was read).
    /// </summary>
    private static (string? Header, byte[] Bytes, long Length) ReadFrom(string path, string? knownHeader, long position)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var header = reader.ReadLine();
            if (header is null || !header.StartsWith(KeptStderrHeader.Prefix, StringComparison.Ordinal))
                header = KeptStderrHeader.Prefix + "(no session header)";
            var length = file.Length;
            var from = header != knownHeader ? 0 : Math.Min(position, length); // trimmed below what was read: go on from its end
            file.Seek(from, SeekOrigin.Begin);
            var bytes = new byte[length - from];
            file.ReadExactly(bytes);
            return (header, bytes, length);
        }
        catch (FileNotFoundException)
        {
            // Between a session's rename and our open: try again at the next poll.
            return (knownHeader, [], position);
        }
    }
}
