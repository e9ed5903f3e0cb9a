using System.Text;
using System.Text.Json;
using McpShim.IntegrationTests.Differential;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>The invariants of issue 13, checked on one <see cref="HostileOutcome"/>.</summary>
internal static class HostileAssert
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Each stdout line is exactly one JSON object in valid UTF-8: the client can read every frame one way.</summary>
    public static void OnlyWholeFrames(HostileOutcome outcome)
    {
        var lines = outcome.StdoutLines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            string text;
            try
            {
                text = StrictUtf8.GetString(line);
            }
            catch (DecoderFallbackException)
            {
                Assert.Fail($"stdout line {i} is not UTF-8\n{outcome}");
                return;
            }
            Assert.False(text.Contains('\r', StringComparison.Ordinal), $"stdout line {i} holds a '\\r' (a universal-newline client splits it): {Head(text)}\n{outcome}");
            try
            {
                using var document = JsonDocument.Parse(text);
                Assert.True(document.RootElement.ValueKind == JsonValueKind.Object, $"stdout line {i} is not an object: {Head(text)}");
            }
            catch (JsonException e)
            {
                Assert.Fail($"stdout line {i} is not one JSON value ({e.Message}): {Head(text)}\n{outcome}");
            }
        }
    }

    public static void DeniedToolNeverRan(HostileOutcome outcome) =>
        Assert.True(outcome.Executed.All(c => c.Tool != HostileExchange.DeniedTool),
            $"the denied tool '{HostileExchange.DeniedTool}' ran on the server\n{outcome}");

    /// <summary>
    /// Every call the server ran has exactly one tools/call audit line with its tool and id (not "denied"), and every
    /// call audited as answered ("ok") is one the server ran.
    /// </summary>
    public static void EveryExecutedCallAuditedOnce(HostileOutcome outcome)
    {
        var audited = outcome.Events("tools/call").Select(r => (
            Tool: r.TryGetProperty("tool", out var t) ? t.GetString() : null,
            Id: r.TryGetProperty("requestId", out var id) ? RequestIdText.Of(id) : null,
            Outcome: r.TryGetProperty("outcome", out var o) ? o.GetString() : null)).ToList();
        foreach (var call in outcome.Executed)
        {
            var lines = audited.Count(a => a.Tool == call.Tool && a.Id == call.Id && a.Outcome != "denied");
            Assert.True(lines == 1, $"{call}: {lines} tools/call audit lines instead of one\n{outcome}");
        }
        foreach (var answered in audited.Where(a => a.Outcome == "ok"))
        {
            Assert.True(outcome.Executed.Any(c => c.Tool == answered.Tool && c.Id == answered.Id),
                $"the audit says {answered.Tool} (id {answered.Id}) ran, the server ran no such call\n{outcome}");
        }
    }

    /// <summary>The call that ends every exchange ran once: the session and its framing survived what came before.</summary>
    public static void LastCallRan(HostileOutcome outcome)
    {
        var id = RequestIdText.Number(HostileExchange.LastCallId);
        Assert.True(outcome.Executed.Count(c => c.Id == id && c.Tool == "echo") == 1,
            $"the last call (echo, id {HostileExchange.LastCallId}) did not run exactly once after the hostile frames\n{outcome}");
    }

    /// <summary>The invariants every exchange keeps, whatever it sent.</summary>
    public static void Invariants(HostileOutcome outcome, bool policy = true)
    {
        OnlyWholeFrames(outcome);
        if (policy)
            DeniedToolNeverRan(outcome);
        EveryExecutedCallAuditedOnce(outcome);
        LastCallRan(outcome);
    }

    /// <summary>
    /// A client frame was refused for the reason: an audit frame.refused line, an error answer (-32600, or -32700 for
    /// what is not JSON) whose id is one of <paramref name="ids"/> or null, and no call with those ids ran.
    /// </summary>
    public static void Refused(HostileOutcome outcome, string reason, int count = 1, params string[] ids)
    {
        var ran = outcome.Executed.Where(c => ids.Contains(c.Id)).ToList();
        Assert.True(ran.Count == 0, $"a refused frame reached the server: {string.Join(", ", ran)}\n{outcome}");

        var refusals = outcome.Events("frame.refused")
            .Where(r => r.TryGetProperty("direction", out var d) && d.GetString() == "client"
                        && r.TryGetProperty("reason", out var why) && why.GetString() == reason)
            .ToList();
        Assert.True(refusals.Count == count, $"{refusals.Count} frame.refused audit lines with reason '{reason}', expected {count}\n{outcome}");

        var errors = outcome.Frames.Where(f =>
            f.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code)
            && code.GetInt32() is -32600 or -32700
            && f.TryGetProperty("id", out var id)
            && (id.ValueKind == JsonValueKind.Null || ids.Contains(RequestIdText.Of(id)))).ToList();
        Assert.True(errors.Count >= count, $"{errors.Count} JSON-RPC error answers (-32600/-32700) for the refused frames, expected {count}\n{outcome}");

    }

    private static string Head(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
