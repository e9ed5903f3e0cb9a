using System.Text.Json;
using McpShim.Profiles;

namespace McpShim.Smoke;

/// <summary>The calls phase: the profile's <c>smoke.calls</c>, in order, each held against its <c>expect</c>.</summary>
internal static class ScriptedCalls
{
    private const string Phase = SmokePhase.Calls;

    public static async Task RunAsync(
        SmokeClient client, SmokeSpec? smoke, IReadOnlyList<string>? tools, ProfileReport report,
        Func<string, Task<string>> explain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var calls = smoke?.Calls ?? [];
        for (var i = 0; i < calls.Length; i++)
        {
            var call = calls[i];
            var name = CheckName(calls, i);
            if (tools is null)
            {
                report.Add(Phase, name, CheckStatus.Skip, null, "initialize failed");
                continue;
            }

            if (SpecProblem(call) is { } specProblem)
            {
                report.Add(Phase, name, CheckStatus.Fail, null, $"smoke.calls[{i}] in {report.Profile}'s profile: {specProblem}");
                continue;
            }

            if (tools.Count > 0 && !tools.Contains(call.Tool!, StringComparer.Ordinal))
            {
                report.Add(Phase, name, CheckStatus.Fail, null,
                    $"the server has no tool '{call.Tool}' (tools/list: {string.Join(", ", tools)}); fix smoke.calls[{i}].tool");
                continue;
            }

            using var reply = await client.RequestAsync("tools/call", json => WriteParams(json, call), timeout, cancellationToken);
            if (reply.Problem is { } problem)
            {
                report.Add(Phase, name, CheckStatus.Fail, reply.ElapsedMs, await explain(problem));
                continue;
            }

            var mismatches = ExpectationMatcher.Mismatches(call.Expect, reply.Result);
            report.Add(Phase, name, mismatches.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, reply.ElapsedMs,
                mismatches.Count == 0 ? Describe(call.Expect, reply.Result) : string.Join("; ", mismatches));
        }
    }

    /// <summary>"tools/call echo", numbered when a tool is called more than once.</summary>
    public static string CheckName(SmokeCallSpec[] calls, int index)
    {
        var tool = string.IsNullOrWhiteSpace(calls[index].Tool) ? "?" : calls[index].Tool;
        var same = calls.Count(c => c.Tool == calls[index].Tool);
        if (same == 1)
            return $"tools/call {tool}";
        var nth = calls.Take(index + 1).Count(c => c.Tool == calls[index].Tool);
        return $"tools/call {tool} #{nth}";
    }

    /// <summary>What is wrong with a call as written, or null.</summary>
    public static string? SpecProblem(SmokeCallSpec call)
    {
        if (string.IsNullOrWhiteSpace(call.Tool))
            return "\"tool\" is required, e.g. \"tool\": \"echo\"";
        if (call.Arguments is { } arguments && arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            return $"\"arguments\" is {JsonPath.Kind(arguments)}; it must be an object, e.g. {{\"message\": \"hi\"}}";
        foreach (var path in call.Expect?.StructuredContent?.Keys ?? Enumerable.Empty<string>())
        {
            if (!path.StartsWith('$'))
                return $"expect.structuredContent key '{path}' is not a path; write it like \"$.sum\"";
        }

        return null;
    }

    private static void WriteParams(Utf8JsonWriter json, SmokeCallSpec call)
    {
        json.WriteStartObject();
        json.WriteString("name", call.Tool);
        json.WritePropertyName("arguments");
        if (call.Arguments is { ValueKind: JsonValueKind.Object } arguments)
            arguments.WriteTo(json);
        else
            json.WriteRawValue("{}"u8);
        json.WriteEndObject();
    }

    private static string Describe(SmokeExpectSpec? expect, JsonElement result)
    {
        var parts = new List<string>();
        if (expect?.Contains is { } needle)
            parts.Add($"text contains {ExpectationMatcher.Quote(needle)}");
        foreach (var (path, value) in expect?.StructuredContent ?? [])
            parts.Add($"{path} = {value.GetRawText()}");
        if (expect?.IsError == true)
            parts.Add("isError: true, as expected");
        if (parts.Count == 0)
            parts.Add(ExpectationMatcher.Quote(ExpectationMatcher.TextOf(result)));
        return string.Join("; ", parts);
    }
}
