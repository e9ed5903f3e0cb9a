using System.Text.Json;
using McpShim.Cli;
using McpShim.Relay;

namespace McpShim.Smoke;

/// <summary>
/// The protocol phase, in the era the server speaks (issue 15). First the probe MCP 2026-07-28 gives stdio clients:
/// <c>server/discover</c>. A <c>DiscoverResult</c> means a 2026-07-28 server: every request then carries the version,
/// client info and capabilities in <c>params._meta</c>, and there is no <c>ping</c>. Any other error, or no answer,
/// means a 2025-11-25 server: <c>initialize</c> (protocol version and serverInfo). Then <c>tools/list</c> (each
/// inputSchema a JSON Schema object), <c>resources/list</c> and <c>prompts/list</c> when advertised. After the scripted
/// calls, <see cref="FinishAsync"/> holds a 2026-07-28 server to its era's rules: a <c>resultType</c> on every result,
/// no requests on stdout, and whether it also offers <c>initialize</c> to older clients.
/// </summary>
internal static class ProtocolChecks
{
    /// <summary>The newest handshake revision mcpshim knows; the server answers with the one it speaks.</summary>
    public const string ProtocolVersion = SessionProtocol.Handshake;

    /// <summary>The stateless revision mcpshim test speaks to a server that answers <c>server/discover</c>.</summary>
    public const string StatelessVersion = SessionProtocol.Stateless;

    private const string Phase = SmokePhase.Protocol;
    private const int MaxPages = 100;
    private const long UnsupportedProtocolVersion = -32022;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the phase; returns the tools' names, or null when the server could not be spoken to.</summary>
    public static async Task<IReadOnlyList<string>?> RunAsync(SmokeClient client, ProfileReport report, Func<string, Task<string>> explain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var capabilities = await DiscoverAsync(client, report, explain, timeout, cancellationToken);
        if (report.Era is null)
        {
            SkipRest(report, ["initialize", "tools/list", "resources/list", "prompts/list", "ping"], "server/discover failed");
            return null;
        }

        if (report.Era == SessionProtocol.Handshake)
        {
            capabilities = await InitializeAsync(client, report, explain, timeout, cancellationToken);
            if (capabilities is null)
                return null;
        }

        if (capabilities is not { } caps)
            return null;
        var tools = await ListToolsAsync(client, report, caps.TryGetProperty("tools", out _), explain, timeout, cancellationToken);
        await ListAsync(client, report, "resources/list", "resources", caps.TryGetProperty("resources", out _), explain, timeout, cancellationToken);
        await ListAsync(client, report, "prompts/list", "prompts", caps.TryGetProperty("prompts", out _), explain, timeout, cancellationToken);

        if (report.Era == SessionProtocol.Stateless)
        {
            report.Add(Phase, "ping", CheckStatus.Skip, null, "ping is removed in 2026-07-28");
            return tools;
        }

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

    /// <summary>
    /// After the scripted calls, for a 2026-07-28 server: every result carried <c>resultType</c>, the server sent no
    /// request on stdout, and whether it also answers <c>initialize</c> (asked last: it may change how a dual-era
    /// server treats the connection).
    /// </summary>
    public static async Task FinishAsync(SmokeClient client, ProfileReport report, Func<string, Task<string>> explain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (report.Era != SessionProtocol.Stateless)
            return;

        var untyped = client.ResultsWithoutType.Distinct(StringComparer.Ordinal).ToList();
        report.Add(Phase, "resultType present", untyped.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, null,
            untyped.Count == 0
                ? "on every result"
                : $"the results of {string.Join(", ", untyped)} have no \"resultType\"; in 2026-07-28 every result says it (\"complete\", or \"input_required\")");

        var requests = client.ServerRequests.Distinct(StringComparer.Ordinal).ToList();
        report.Add(Phase, "no requests on stdout", requests.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, null,
            requests.Count == 0
                ? "the server sent the client no request"
                : $"the server sent {string.Join(", ", requests)} as a request; a 2026-07-28 stdio server MUST NOT write requests to stdout " +
                  "(it asks for input with an input_required result instead)");

        client.Meta = null;
        using var init = await client.RequestAsync("initialize", WriteInitializeParams, timeout, cancellationToken);
        if (init.ErrorCode is not null)
            report.Add(Phase, "initialize (older clients)", CheckStatus.Skip, init.ElapsedMs, $"not offered ({init.Problem}): 2025-11-25 clients cannot use this server");
        else if (init.Problem is { } problem)
            report.Add(Phase, "initialize (older clients)", CheckStatus.Fail, init.ElapsedMs, await explain(problem));
        else
            report.Add(Phase, "initialize (older clients)", CheckStatus.Pass, init.ElapsedMs, $"also answers initialize (protocol {Text(init.Result, "protocolVersion") ?? "?"}) for 2025-11-25 clients");
    }

    /// <summary>
    /// The stdio probe of MCP 2026-07-28 (basic/transports/stdio, "Backward Compatibility"). Sets the era, and
    /// returns the capabilities of a 2026-07-28 server; for a 2025-11-25 server the era alone.
    /// </summary>
    private static async Task<JsonElement?> DiscoverAsync(SmokeClient client, ProfileReport report, Func<string, Task<string>> explain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        client.Meta = ClientMeta();
        using var reply = await client.RequestAsync("server/discover", null, timeout < ProbeTimeout ? timeout : ProbeTimeout, cancellationToken);
        if (reply.Problem is { } problem)
        {
            client.Meta = null;
            if (client.Closed.IsCompleted)
            {
                report.Add(Phase, "server/discover", CheckStatus.Fail, reply.ElapsedMs, await explain(problem));
                return null;
            }

            if (reply.ErrorCode == UnsupportedProtocolVersion)
            {
                report.Add(Phase, "server/discover", CheckStatus.Fail, reply.ElapsedMs,
                    $"{problem}: a 2026-07-28 server that does not speak {StatelessVersion}, the version mcpshim test speaks to such servers");
                return null;
            }

            report.Era = SessionProtocol.Handshake;
            report.Add(Phase, "server/discover", CheckStatus.Skip, reply.ElapsedMs, $"not offered ({problem}): a 2025-11-25 server, checked with initialize");
            return null;
        }

        var result = reply.Result;
        var versions = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("supportedVersions", out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : null;
        var capabilities = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("capabilities", out var c) && c.ValueKind == JsonValueKind.Object ? c.Clone() : (JsonElement?)null;
        var serverInfo = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object &&
                         meta.TryGetProperty("io.modelcontextprotocol/serverInfo", out var info) && info.ValueKind == JsonValueKind.Object ? info : default;
        report.ServerName = Text(serverInfo, "name");
        report.ServerVersion = Text(serverInfo, "version");

        var missing = new List<string>();
        if (versions is null)
            missing.Add("supportedVersions");
        if (capabilities is null)
            missing.Add("capabilities");
        if (string.IsNullOrEmpty(report.ServerName))
            missing.Add("_meta[\"io.modelcontextprotocol/serverInfo\"].name");
        if (versions is null || missing.Count > 0)
        {
            report.Add(Phase, "server/discover", CheckStatus.Fail, reply.ElapsedMs, $"the DiscoverResult lacks {string.Join(", ", missing)}");
            return null;
        }

        if (!versions.Contains(StatelessVersion, StringComparer.Ordinal))
        {
            // A modern server of another revision only: what it offers to 2025-11-25 clients is still checkable.
            client.Meta = null;
            report.Era = SessionProtocol.Handshake;
            report.Add(Phase, "server/discover", CheckStatus.Skip, reply.ElapsedMs,
                $"supports {string.Join(", ", versions)}, not {StatelessVersion}: checked with initialize");
            return null;
        }

        report.Era = SessionProtocol.Stateless;
        report.ProtocolVersion = StatelessVersion;
        report.Add(Phase, "server/discover", CheckStatus.Pass, reply.ElapsedMs,
            $"protocol {StatelessVersion} (supported: {string.Join(", ", versions)}), server {report.ServerName} {report.ServerVersion}".TrimEnd());
        return capabilities;
    }

    /// <summary>The 2025-11-25 handshake; the server's capabilities, or null when it failed (the rest is skipped).</summary>
    private static async Task<JsonElement?> InitializeAsync(SmokeClient client, ProfileReport report, Func<string, Task<string>> explain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (var init = await client.RequestAsync("initialize", WriteInitializeParams, timeout, cancellationToken))
        {
            if (init.Problem is { } problem)
            {
                report.Add(Phase, "initialize", CheckStatus.Fail, init.ElapsedMs, await explain(problem));
                SkipRest(report, ["tools/list", "resources/list", "prompts/list", "ping"], "initialize failed");
                return null;
            }

            var result = init.Result;
            var version = Text(result, "protocolVersion");
            var serverInfo = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("serverInfo", out var info) && info.ValueKind == JsonValueKind.Object ? info : default;
            var capabilities = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("capabilities", out var c) && c.ValueKind == JsonValueKind.Object ? c.Clone() : default;
            report.ProtocolVersion = version;
            report.ServerName = Text(serverInfo, "name");
            report.ServerVersion = Text(serverInfo, "version");

            var missing = new List<string>();
            if (string.IsNullOrEmpty(version))
                missing.Add("protocolVersion");
            if (string.IsNullOrEmpty(report.ServerName))
                missing.Add("serverInfo.name");
            if (capabilities.ValueKind != JsonValueKind.Object)
                missing.Add("capabilities");
            report.Add(Phase, "initialize", missing.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, init.ElapsedMs,
                missing.Count == 0
                    ? $"protocol {version}, server {report.ServerName} {report.ServerVersion}".TrimEnd()
                    : $"the initialize result lacks {string.Join(", ", missing)}");
            if (missing.Count > 0)
                return null;

            if (client.Notify("notifications/initialized") is { } notifyProblem)
                report.Add(Phase, "notifications/initialized", CheckStatus.Fail, null, await explain(notifyProblem));
            return capabilities;
        }
    }

    private static void SkipRest(ProfileReport report, string[] checks, string why)
    {
        foreach (var name in checks)
            report.Add(Phase, name, CheckStatus.Skip, null, why);
    }

    /// <summary>What every 2026-07-28 request carries in <c>params._meta</c>: version, client info, capabilities (none).</summary>
    private static string ClientMeta()
    {
        var version = JsonEncodedText.Encode(ShimVersion.Value).Value;
        return $"\"io.modelcontextprotocol/protocolVersion\":\"{StatelessVersion}\"," +
               $"\"io.modelcontextprotocol/clientInfo\":{{\"name\":\"mcpshim-test\",\"version\":\"{version}\"}}," +
               "\"io.modelcontextprotocol/clientCapabilities\":{}";
    }

    private static string? Text(JsonElement parent, string member) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
