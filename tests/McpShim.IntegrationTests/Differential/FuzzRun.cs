using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// Drives mutated frames (<see cref="FrameMutator"/>) through the real mcpshim in a <c>local</c> profile into a sink
/// server that keeps every byte it receives, then judges the run: no crash; stdout only whole JSON objects; every
/// reader emulation reads the server's stream alike; none would run the denied tool; each reader's tool calls are
/// exactly the calls mcpshim audited as forwarded; peak RSS under <see cref="FuzzOptions.MemoryBoundBytes"/>.
/// </summary>
internal static partial class FuzzRun
{
    private const long FirstFrameId = 1000;
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcpshim-fuzz","version":"1.0.0"}}}""" + "\n" +
        """{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n";

    public static async Task<FuzzReport> RunAsync(FuzzOptions options, CancellationToken cancellation = default)
    {
        var started = Stopwatch.StartNew();
        Directory.CreateDirectory(options.WorkFolder);
        var sinkPath = Path.Combine(options.WorkFolder, "server-received.bin");
        var auditPath = Path.Combine(options.WorkFolder, "audit.jsonl");
        var configPath = Path.Combine(options.WorkFolder, "profiles.json");
        File.Delete(sinkPath);
        File.Delete(auditPath);
        WriteProfiles(options, configPath, sinkPath);

        var startInfo = new ProcessStartInfo(options.ShimPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--config", configPath, "fuzz"])
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["MCPSHIM_AUDIT_FILE"] = auditPath;
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {options.ShimPath}");

        var violations = new List<string>();
        var stdout = Task.Run(() => CheckStdout(process.StandardOutput.BaseStream), cancellation);
        var stderr = Task.Run(() => TailStderr(process.StandardError), cancellation);
        using var exited = new CancellationTokenSource();
        var memory = Task.Run(() => PeakRss(process, exited.Token), cancellation);

        long clientBytes;
        try
        {
            clientBytes = await WriteFramesAsync(process.StandardInput.BaseStream, options, cancellation);
        }
        catch (IOException e)
        {
            clientBytes = -1;
            violations.Add($"mcpshim stopped reading its stdin: {e.Message}");
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // closed with the buffered writer, or mcpshim is gone (the exit code tells)
            }
        }

        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                violations.Add("mcpshim did not exit within 60 s of its stdin closing");
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        await exited.CancelAsync();
        var (stdoutFrames, stdoutViolations) = await stdout;
        var (stderrTail, crashed) = await stderr;
        var peakRss = await memory;
        violations.AddRange(stdoutViolations);

        if (process.ExitCode != 0 || crashed)
            violations.Add($"mcpshim exited with code {process.ExitCode}{(crashed ? " after an unhandled exception" : "")}; stderr ends:\n{stderrTail}");
        if (peakRss > options.MemoryBoundBytes)
            violations.Add($"peak RSS {peakRss / (1024 * 1024)} MiB is over the bound of {options.MemoryBoundBytes / (1024 * 1024)} MiB");

        var received = File.Exists(sinkPath) ? await File.ReadAllBytesAsync(sinkPath, cancellation) : [];
        var comparison = ReadingComparison.Of(received);
        if (comparison.FirstDisagreement() is { } disagreement)
            violations.Add($"the readers disagree on what reached the server: {disagreement}");
        foreach (var (reader, call) in comparison.ToolCalls.Where(c => c.Call.Tool == FuzzOptions.DeniedTool && options.Policy).Take(5))
            violations.Add($"the denied tool reached the server: {reader} would run {call}");

        var audited = AuditedCalls(auditPath, out var refusals);
        foreach (var (reader, messages) in comparison.ByReader)
        {
            // Every request a server gets as tools/call is audited, a call naming no tool too (as "?").
            var run = messages.Where(m => m.IsToolCall && m.Id is not null).Select(m => (m.Tool ?? "?", m.Id)).ToList();
            foreach (var missing in MultisetMinus(run, audited).Take(3))
                violations.Add($"{reader} would run {missing.Item1} (id {missing.Item2}) with no tools/call audit line");
            foreach (var extra in MultisetMinus(audited, run).Take(3))
                violations.Add($"the audit has {extra.Item1} (id {extra.Item2}) forwarded, {reader} would run no such call");
        }

        var serverMessages = comparison.ByReader.Values.First();
        var report = new FuzzReport(
            options.Frames, options.Seed, await DescribeFramesAsync(violations, options), clientBytes, received.Length, serverMessages.Count,
            serverMessages.Count(m => m.IsToolCall && m.Tool is not null), stdoutFrames, refusals, peakRss, started.Elapsed, process.ExitCode);
        return report;
    }

    private static void WriteProfiles(FuzzOptions options, string configPath, string sinkPath)
    {
        var profile = new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(options.SinkCommand.Select(part => (JsonNode)part).ToArray()),
            ["env"] = new JsonObject { ["MCPSHIM_DIFF_SINK"] = sinkPath },
            ["maxFrameBytes"] = options.MaxFrameBytes,
            ["graceSeconds"] = 10,
            // The sink writes what it read to the test's folder; the host sandbox has its own specs (SandboxSpecs).
            ["unsafe"] = new JsonArray("unsandboxed"),
        };
        if (options.Policy)
            profile["policy"] = new JsonObject { ["tools"] = new JsonObject { ["deny"] = new JsonArray(FuzzOptions.DeniedTool) } };
        var document = new JsonObject { ["profiles"] = new JsonObject { ["fuzz"] = profile } };
        File.WriteAllText(configPath, document.ToJsonString());
    }

    private static async Task<long> WriteFramesAsync(Stream stdin, FuzzOptions options, CancellationToken cancellation)
    {
        await using var output = new BufferedStream(stdin, 256 * 1024);
        var initialize = Encoding.UTF8.GetBytes(Initialize);
        await output.WriteAsync(initialize, cancellation);
        long written = initialize.Length;
        var mutator = new FrameMutator(options.Seed, options.MaxFrameBytes);
        for (var i = 0L; i < options.Frames; i++)
        {
            var frame = mutator.Next(FirstFrameId + i);
            await output.WriteAsync(frame.Bytes, cancellation);
            written += frame.Bytes.Length;
        }
        await output.FlushAsync(cancellation);
        return written;
    }

    /// <summary>Each stdout line must be one JSON object in UTF-8 with no '\r': a client of any kind reads it one way.</summary>
    private static (int Frames, List<string> Violations) CheckStdout(Stream stdout)
    {
        var violations = new List<string>();
        var frames = 0;
        var pending = new MemoryStream();
        var buffer = new byte[256 * 1024];
        int read;
        while ((read = stdout.Read(buffer)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                    continue;
                pending.Write(buffer, start, i - start);
                frames++;
                if (WhyNotOneFrame(pending.GetBuffer().AsSpan(0, (int)pending.Length)) is { } why && violations.Count < 5)
                    violations.Add($"stdout frame {frames}: {why}");
                pending.SetLength(0);
                start = i + 1;
            }
            pending.Write(buffer, start, read - start);
        }
        if (pending.Length > 0 && violations.Count < 5)
            violations.Add($"stdout ends with {pending.Length} bytes that are not a whole line");
        return (frames, violations);
    }

    private static string? WhyNotOneFrame(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf((byte)'\r') >= 0)
            return "holds a '\\r'";
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return $"is a JSON {document.RootElement.ValueKind}, not an object";
            if (reader.BytesConsumed != line.Length && line[(int)reader.BytesConsumed..].Trim(" \t"u8).Length > 0)
                return "has bytes after its JSON value";
            if (!System.Text.Unicode.Utf8.IsValid(line))
                return "is not UTF-8";
            return null;
        }
        catch (JsonException e)
        {
            return $"is not JSON ({e.Message}): {Encoding.UTF8.GetString(line[..Math.Min(200, line.Length)])}";
        }
    }

    private static async Task<(string Tail, bool Crashed)> TailStderr(StreamReader stderr)
    {
        var tail = new Queue<string>();
        var crashed = false;
        while (await stderr.ReadLineAsync() is { } line)
        {
            crashed |= line.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || line.Contains("Segmentation fault", StringComparison.Ordinal);
            tail.Enqueue(line.Length > 400 ? line[..400] : line);
            if (tail.Count > 30)
                tail.Dequeue();
        }
        return (string.Join('\n', tail), crashed);
    }

    /// <summary>The process's VmHWM (peak resident set), polled until it exits; 0 where /proc is missing.</summary>
    private static async Task<long> PeakRss(Process process, CancellationToken exited)
    {
        var peak = 0L;
        var status = $"/proc/{process.Id}/status";
        while (!exited.IsCancellationRequested)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status, CancellationToken.None))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        peak = Math.Max(peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024);
                }
            }
            catch (IOException)
            {
                return peak;
            }
            catch (UnauthorizedAccessException)
            {
                return peak;
            }
            try
            {
                await Task.Delay(100, exited);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return peak;
    }

    /// <summary>(tool, id) of every tools/call audit line but denied (or refused) ones: what mcpshim says it forwarded.</summary>
    private static List<(string, string?)> AuditedCalls(string auditPath, out int refusals)
    {
        refusals = 0;
        var calls = new List<(string, string?)>();
        if (!File.Exists(auditPath))
            return calls;
        foreach (var line in File.ReadLines(auditPath))
        {
            if (line.Length == 0)
                continue;
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            var name = root.TryGetProperty("event", out var e) ? e.GetString() : null;
            if (name == "frame.refused")
                refusals++;
            if (name != "tools/call" || (root.TryGetProperty("outcome", out var o) && o.GetString() is "denied" or "refused")
                || !root.TryGetProperty("requestId", out var id) || RequestIdText.Of(id) is not { } requestId)
                continue;
            // A call that names no tool (no params.name, or not a string) is "?" on both sides.
            var tool = root.TryGetProperty("tool", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } named ? named : "?";
            calls.Add((tool, requestId));
        }
        return calls;
    }

    private static IEnumerable<(string, string?)> MultisetMinus(List<(string, string?)> from, List<(string, string?)> subtract)
    {
        var counts = subtract.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        foreach (var item in from)
        {
            if (counts.TryGetValue(item, out var n) && n > 0)
                counts[item] = n - 1;
            else
                yield return item;
        }
    }

    /// <summary>Adds to each violation the mutations of the frames its ids name (regenerated from the seed).</summary>
    private static Task<List<string>> DescribeFramesAsync(List<string> violations, FuzzOptions options) => Task.Run(() =>
    {
        var wanted = new SortedSet<long>();
        foreach (var violation in violations)
        {
            foreach (Match match in FrameIdPattern().Matches(violation))
            {
                var id = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                // An id the fuzzer derived from a frame's (id*10, id*10+1 for trailers) names that frame too.
                foreach (var candidate in (long[])[id, id / 10])
                {
                    if (candidate >= FirstFrameId && candidate < FirstFrameId + options.Frames)
                        wanted.Add(candidate);
                }
            }
        }
        if (wanted.Count == 0)
            return violations;
        var described = new Dictionary<long, string>();
        var mutator = new FrameMutator(options.Seed, options.MaxFrameBytes);
        for (var id = FirstFrameId; id <= wanted.Max; id++)
        {
            var frame = mutator.Next(id);
            if (wanted.Contains(id))
                described[id] = $"frame {id} [{frame.Mutations}]: {Encoding.UTF8.GetString(frame.Bytes[..Math.Min(240, frame.Bytes.Length)]).TrimEnd('\n')}";
        }
        return violations.Select(v =>
        {
            var frames = FrameIdPattern().Matches(v).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .SelectMany(id => (long[])[id, id / 10]).Where(described.ContainsKey).Distinct().Select(id => described[id]);
            return string.Join("\n    ", [v, .. frames]);
        }).ToList();
    });

    [GeneratedRegex(@"[ns]:(\d{4,17})\b")]
    private static partial Regex FrameIdPattern();
}
