using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using McpShim.Json;
using McpShim.Smoke;

namespace McpShim.Tests.Smoke;

public sealed class JsonReportWriterSpecs
{
    [Fact]
    public void I_get_every_profile_and_check_with_counts_statuses_and_the_image_digest()
    {
        using var stream = new MemoryStream();

        JsonReportWriter.Write(SampleReports.TwoProfiles(), stream);

        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal((6, 1, 1, false), (root.GetProperty("passed").GetInt32(), root.GetProperty("failures").GetInt32(), root.GetProperty("skipped").GetInt32(), root.GetProperty("succeeded").GetBoolean()));
        Assert.Equal("2026-11-22T06:00:00.000Z", root.GetProperty("startedAt").GetString());
        var profiles = root.GetProperty("profiles");
        Assert.Equal(2, profiles.GetArrayLength());
        var everything = profiles[0];
        Assert.Equal("everything", everything.GetProperty("profile").GetString());
        Assert.StartsWith("mcpshim/everything:latest@sha256:", everything.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Equal("2025-11-25", everything.GetProperty("protocolVersion").GetString());
        Assert.Equal(13, everything.GetProperty("tools").GetInt32());

        // Checks come in phase order, a late check (stdout) in its phase; statuses are lowercase words.
        var checks = everything.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["start", "protocol", "protocol", "calls", "hardening"], checks.Select(c => c.GetProperty("phase").GetString()));
        Assert.Equal("stdout carries only JSON-RPC", checks[2].GetProperty("name").GetString());
        Assert.Equal("pass", checks[0].GetProperty("status").GetString());
        Assert.Equal(72.4, checks[0].GetProperty("durationMs").GetDouble());
        Assert.False(checks[2].TryGetProperty("durationMs", out _), "a check without a timing has no durationMs");
        Assert.Equal(["pass", "skip", "fail"], profiles[1].GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("status").GetString()));
    }

    [Fact]
    public void Every_type_of_the_report_is_in_the_source_generated_context()
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<JsonTypeInfo>([ShimJsonContext.Default.SmokeReport]);
        while (pending.TryPop(out var info))
        {
            if (!seen.Add(info.Type))
                continue;
            IEnumerable<Type> children = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.Select(p => p.PropertyType),
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => [info.ElementType!],
                _ => [],
            };
            foreach (var child in children)
            {
                var childInfo = ShimJsonContext.Default.GetTypeInfo(child);
                Assert.True(childInfo is not null, $"{child} (reached from {info.Type}) is not in ShimJsonContext");
                pending.Push(childInfo);
            }
        }

        Assert.Contains(typeof(CheckResult), seen);
    }
}
