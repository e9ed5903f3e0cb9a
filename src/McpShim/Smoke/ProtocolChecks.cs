using System.Text.Json;
using McpShim.Cli;

namespace McpShim.Smoke;

/// <summary>
/// The protocol phase: <c>initialize</c> (protocol version and serverInfo), <c>tools/list</c> (each inputSchema a JSON
/// Schema object), <c>resources/list</c> and <c>prompts/list</c> when advertised, and <c>ping</c>.
/// </summary>
internal static class ProtocolChecks
{
    /// <summary>The newest protocol revision mcpshim knows; the server answers with the one it speaks.</summary>
    public const string ProtocolVersion = "2025-11-25";

    private const string Phase = SmokePhase.Protocol;
    private const int MaxPages = 100;

    /// <summary>Runs the phase; returns the tools' names, or null when the server did not initialize.</summary>
    public static async Task<IReadOnlyList<string>?> RunAsync(SmokeClient client, ProfileReport report, Func<string, Task<string>> explain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool toolsAdvertised, resourcesAdvertised, promptsAdvertised;
        using (var init = await client.RequestAsync("initialize", WriteInitializeParams, timeout, cancellationToken))
        {
            if (init.Problem is { } problem)
            {
                report.Add(Phase, "initialize", CheckStatus.Fail, init.ElapsedMs, await explain(problem));
                foreach (var name in (string[])["tools/list", "resources/list", "prompts/list", "ping"])
                    report.Add(Phase, name, CheckStatus.Skip, null, "initialize failed");
                return null;
            }

            var result = init.Result;
            var version = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("protocolVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var serverInfo = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("serverInfo", out var info) && info.ValueKind == JsonValueKind.Object ? info : default;
            var serverName = serverInfo.ValueKind == JsonValueKind.Object && serverInfo.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var serverVersion = serverInfo.ValueKind == JsonValueKind.Object && serverInfo.TryGetProperty("version", out var sv) && sv.ValueKind == JsonValueKind.String ? sv.GetString() : null;
            var capabilities = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("capabilities", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            report.ProtocolVersion = version;
            report.ServerName = serverName;
            report.ServerVersion = serverVersion;

            var missing = new List<string>();
            if (string.IsNullOrEmpty(version))
                missing.Add("protocolVersion");
            if (string.IsNullOrEmpty(serverName))
                missing.Add("serverInfo.name");
            if (capabilities.ValueKind != JsonValueKind.Object)
                missing.Add("capabilities");
            report.Add(Phase, "initialize", missing.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, init.ElapsedMs,
                missing.Count == 0
                    ? $"protocol {version}, server {serverName} {serverVersion}".TrimEnd()
                    : $"the initialize result lacks {string.Join(", ", missing)}");
            if (missing.Count > 0)
                return null;

            toolsAdvertised = capabilities.TryGetProperty("tools", out _);
            resourcesAdvertised = capabilities.TryGetProperty("resources", out _);
            promptsAdvertised = capabilities.TryGetProperty("prompts", out _);
        }

        if (client.Notify("notifications/initialized") is { } notifyProblem)
            report.Add(Phase, "notifications/initialized", CheckStatus.Fail, null, await explain(notifyProblem));

        var tools = await ListToolsAsync(client, report, toolsAdvertised, explain, timeout, cancellationToken);
        await ListAsync(client, report, "resources/list", "resources", resourcesAdvertised, explain, timeout, cancellationToken);
        await ListAsync(client, report, "prompts/list", "prompts", promptsAdvertised, explain, timeout, cancellationToken);

        using (var ping = await client.RequestAsync("ping", null, timeout, cancellationToken))
        {
            if (ping.Problem is { } problem)
                report.Add(Phase, "ping", CheckStatus.Fail, ping.ElapsedMs, await explain(problem));
            else if (ping.Result.ValueKind != JsonValueKind.Object)
                report.Add(Phase, "ping", CheckStatus.Fail, ping.ElapsedMs, $"the result is {JsonPath.Kind(ping.Result)}; ping answers an empty object");
            else
                report.Add(Phase, "ping", CheckStatus.Pass, ping.ElapsedMs);
        }

        return tools;
    }

    private static void WriteInitializeParams(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("protocolVersion", ProtocolVersion);
        json.WriteStartObject("capabilities");
        json.WriteEndObject();
        json.WriteStartObject("clientInfo");
        json.WriteString("name", "mcpshim-test");
        json.WriteString("version", ShimVersion.Value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static async Task<IReadOnlyList<string>> ListToolsAsync(
        SmokeClient client, ProfileReport report, bool advertised, Func<string, Task<string>> explain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!advertised)
        {
            report.Add(Phase, "tools/list", CheckStatus.Skip, null, "the server does not advertise tools");
            return [];
        }

        var names = new List<string>();
        var problems = new List<string>();
        double elapsed = 0;
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            using var reply = await client.RequestAsync("tools/list", cursor is null ? null : json => WriteCursor(json, cursor), timeout, cancellationToken);
            elapsed += reply.ElapsedMs;
            if (reply.Problem is { } problem)
            {
                report.Add(Phase, "tools/list", CheckStatus.Fail, elapsed, await explain(problem));
                return names;
            }

            if (reply.Result.ValueKind != JsonValueKind.Object || !reply.Result.TryGetProperty("tools", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                report.Add(Phase, "tools/list", CheckStatus.Fail, elapsed, "the result has no \"tools\" array");
                return names;
            }

            foreach (var tool in list.EnumerateArray())
            {
                var name = tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                if (string.IsNullOrEmpty(name))
                {
                    problems.Add($"tool #{names.Count + problems.Count + 1} has no name");
                    continue;
                }

                names.Add(name);
                if (SchemaProblem(tool, "inputSchema", required: true) is { } inputProblem)
                    problems.Add($"'{name}': {inputProblem}");
                if (SchemaProblem(tool, "outputSchema", required: false) is { } outputProblem)
                    problems.Add($"'{name}': {outputProblem}");
            }

            cursor = reply.Result.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (string.IsNullOrEmpty(cursor))
                break;
        }

        report.Tools = names.Count;
        report.Add(Phase, "tools/list", problems.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, elapsed,
            problems.Count == 0
                ? $"{names.Count} tools, each inputSchema an object schema: {Abbreviate(names)}"
                : string.Join("; ", problems));
        return names;
    }

    /// <summary>MCP: a tool's inputSchema (and outputSchema, when present) is a JSON Schema with "type": "object".</summary>
    private static string? SchemaProblem(JsonElement tool, string member, bool required)
    {
        if (!tool.TryGetProperty(member, out var schema))
            return required ? $"no {member}" : null;
        if (schema.ValueKind != JsonValueKind.Object)
            return $"{member} is {JsonPath.Kind(schema)}, not a JSON Schema object";
        if (!schema.TryGetProperty("type", out var type))
            return $"{member} has no \"type\" (MCP requires \"type\": \"object\")";
        return type.ValueEquals("object") ? null : $"{member}.type is {type.GetRawText()}, MCP requires \"object\"";
    }

    private static async Task ListAsync(
        SmokeClient client, ProfileReport report, string method, string member, bool advertised,
        Func<string, Task<string>> explain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!advertised)
        {
            report.Add(Phase, method, CheckStatus.Skip, null, $"the server does not advertise {member}");
            return;
        }

        using var reply = await client.RequestAsync(method, null, timeout, cancellationToken);
        if (reply.Problem is { } problem)
            report.Add(Phase, method, CheckStatus.Fail, reply.ElapsedMs, await explain(problem));
        else if (reply.Result.ValueKind != JsonValueKind.Object || !reply.Result.TryGetProperty(member, out var list) || list.ValueKind != JsonValueKind.Array)
            report.Add(Phase, method, CheckStatus.Fail, reply.ElapsedMs, $"the result has no \"{member}\" array");
        else
            report.Add(Phase, method, CheckStatus.Pass, reply.ElapsedMs, $"{list.GetArrayLength()} {member}");
    }

    private static void WriteCursor(Utf8JsonWriter json, string cursor)
    {
        json.WriteStartObject();
        json.WriteString("cursor", cursor);
        json.WriteEndObject();
    }

    private static string Abbreviate(List<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : string.Join(", ", names.Take(6)) + $", … ({names.Count - 6} more)";
}
