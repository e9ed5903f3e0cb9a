using System.Diagnostics;
using System.Globalization;
using McpShim.Logging;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Smoke;
using Microsoft.Extensions.Logging;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim test [PROFILE...] [--all] [--junit FILE] [--json FILE] [--timeout S]</c>: the smoke test of each profile
/// (<see cref="SmokeRunner"/>). The table goes to stdout, progress to stderr; the exit code is 0 only when every check
/// passed or was skipped. Ctrl-C stops the run, removes what it started and still writes the reports.
/// </summary>
internal static class TestCommand
{
    public static async Task<int> RunAsync(
        IReadOnlyList<string> profiles, bool all, string? junitFile, string? jsonFile, double? timeoutSeconds, string? configFile, LogLevel level)
    {
        using var loggerFactory = LoggingSetup.Create(level);
        var logger = loggerFactory.CreateLogger("mcpshim");
        using var shutdown = new CancellationTokenSource();
        using var signals = ShimPlatform.Current.Signals.Register(shutdown);
        using var interrupted = shutdown.Token.Register(() => Log.SmokeInterrupted(logger));
        var serverStderr = level <= LogLevel.Debug ? Console.OpenStandardError() : Stream.Null;
        return await RunAsync(
            new TestRequest(profiles, all, junitFile, jsonFile, timeoutSeconds, configFile), serverStderr, Console.Out, Console.Error, logger, shutdown.Token);
    }

    public static async Task<int> RunAsync(
        TestRequest request, Stream serverStderr, TextWriter output, TextWriter error, ILogger logger, CancellationToken shutdown)
    {
        if (request.Problem() is { } usage)
        {
            await error.WriteLineAsync("mcpshim: error: " + usage);
            return ExitCodes.Usage;
        }

        ProfileCatalog catalog;
        List<string> names;
        try
        {
            catalog = ProfileCatalog.Load(request.ConfigFile);
            names = request.All ? [.. catalog.Entries.Keys] : [.. request.Profiles.Distinct(StringComparer.Ordinal)];
            foreach (var name in names)
                catalog.Get(name); // an unknown name stops the run before anything starts
        }
        catch (ConfigException ex)
        {
            await error.WriteLineAsync("mcpshim: error: " + ex.Message);
            return ExitCodes.Config;
        }

        var clock = Stopwatch.StartNew();
        var report = new SmokeReport
        {
            Version = ShimVersion.Value,
            StartedAt = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            Host = Environment.MachineName,
        };
        var runner = new SmokeRunner(new SmokeOptions(request.Timeout, serverStderr), logger);
        for (var i = 0; i < names.Count && !shutdown.IsCancellationRequested; i++)
        {
            var entry = catalog.Get(names[i]);
            ResolvedProfile profile;
            try
            {
                profile = ProfileResolver.Resolve(catalog, entry.Name);
            }
            catch (ConfigException ex) when (request.All && ex.WorkingFolder is { } folder)
            {
                // --all on a machine where this built-in has nothing to serve: not the profile's failure (issue 18).
                var skipped = new ProfileReport(entry.Name, (entry.Spec.Mode ?? ProfileMode.Run).Name());
                skipped.Add(SmokePhase.Start, "profile is valid", CheckStatus.Skip, null,
                    $"run 'mcpshim test' in a project folder to test it: this built-in serves the working folder, and '{folder}' is not one mcpshim mounts");
                Log.SmokeProfileSkipped(logger, entry.Name, ex.Message);
                report.Profiles.Add(skipped);
                continue;
            }
            catch (ConfigException ex)
            {
                var broken = new ProfileReport(entry.Name, (entry.Spec.Mode ?? ProfileMode.Run).Name());
                broken.Add(SmokePhase.Start, "profile is valid", CheckStatus.Fail, null, ex.Message);
                Log.SmokeCheckFailed(logger, entry.Name, SmokePhase.Start, "profile is valid", ex.Message);
                report.Profiles.Add(broken);
                continue;
            }

            var mode = profile.Mode.Name();
            Log.SmokeProfileStarting(logger, i + 1, names.Count, profile.Name, mode, profile.Image ?? string.Join(' ', profile.Command ?? []));
            var result = await runner.RunAsync(profile, entry.Spec.Smoke, shutdown);
            report.Profiles.Add(result);
            Log.SmokeProfileFinished(logger, profile.Name, result.Passed, result.Failures, result.Skipped, result.DurationMs);
        }

        report.Interrupted = shutdown.IsCancellationRequested;
        report.DurationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1);

        var written = WriteReport(request.JUnitFile, "JUnit", s => JUnitReportWriter.Write(report, s), error, logger)
                      & WriteReport(request.JsonFile, "JSON", s => JsonReportWriter.Write(report, s), error, logger);
        TableReportWriter.Write(report, output);
        await output.FlushAsync(CancellationToken.None);

        if (report.Interrupted)
            return ExitCodes.Interrupted;
        return report.Succeeded && written ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static bool WriteReport(string? file, string format, Action<Stream> write, TextWriter error, ILogger logger)
    {
        if (file is null)
            return true;
        var path = Path.GetFullPath(file);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
                write(stream);
            Log.SmokeReportWritten(logger, format, path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"mcpshim: error: cannot write the {format} report to {path}: {ex.Message}");
            return false;
        }
    }
}
