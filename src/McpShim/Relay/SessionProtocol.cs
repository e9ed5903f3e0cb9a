using System.Text.Json;

namespace McpShim.Relay;

/// <summary>
/// Which MCP era a session speaks, its protocol version, and who the client and the server say they are (issue 15),
/// however they were learned: the 2025-11-25 handshake (<c>initialize</c> and its answer), or the stateless
/// 2026-07-28 protocol, where every request carries <c>io.modelcontextprotocol/protocolVersion</c> and
/// <c>.../clientInfo</c> in <c>params._meta</c>, and results (and <c>server/discover</c>) carry
/// <c>.../serverInfo</c> in <c>result._meta</c>. A client that probes with <c>server/discover</c> and falls back to
/// <c>initialize</c> ends up in the handshake era. Only the first few frames are read: once both sides are known,
/// <see cref="Settled"/> turns the reading off.
/// </summary>
internal sealed class SessionProtocol
{
    public const string Handshake = "2025-11-25";
    public const string Stateless = "2026-07-28";
    private const string MetaVersion = "io.modelcontextprotocol/protocolVersion";
    private const string MetaClientInfo = "io.modelcontextprotocol/clientInfo";
    private const string MetaServerInfo = "io.modelcontextprotocol/serverInfo";

    private readonly Lock _gate = new();
    private volatile bool _settled;

    /// <summary><see cref="Handshake"/> or <see cref="Stateless"/>: the era whose rules the session follows; null until known.</summary>
    public string? Era { get; private set; }

    /// <summary>The protocol version: the one <c>initialize</c> settled on, or the one the stateless requests carry.</summary>
    public string? Version { get; private set; }

    public PeerInfo? Client { get; private set; }

    public PeerInfo? Server { get; private set; }

    /// <summary>
    /// In the stateless era, the protocol members of the client's <c>params._meta</c> (version, client info and
    /// capabilities) as a JSON object: mcpshim's own requests to the server carry them too. Null until seen.
    /// </summary>
    public string? ClientMeta { get; private set; }

    /// <summary>How the server side was learned: <c>initialize</c>, <c>server/discover</c> or <c>_meta</c>.</summary>
    public string? LearnedFrom { get; private set; }

    /// <summary>Both sides are known: nothing more to read.</summary>
    public bool Settled => _settled;

    /// <summary>Raised once, when <see cref="Settled"/> turns true.</summary>
    public Action<SessionProtocol>? OnSettled { get; init; }

    /// <summary>A request from the client, read only while the era or the client is unknown.</summary>
    public void OnClientRequest(string method, ReadOnlySpan<byte> frame)
    {
        if (_settled)
            return;
        lock (_gate)
        {
            if (method == "initialize")
            {
                var p = Read(frame, "params");
                Era = Handshake;
                Version = Text(p, "protocolVersion") ?? Version;
                Client = Peer(p, "clientInfo") ?? Client;
                return;
            }

            if (Era == Handshake && Client is not null)
                return;
            if (Read(frame, "params") is { } parameters && Object(parameters, "_meta") is { } meta && Text(meta, MetaVersion) is { } version)
            {
                // A stateless request; before an initialize it sets the era (a probe's fallback may still change it).
                Era ??= Stateless;
                if (Era == Stateless)
                {
                    Version = version;
                    ClientMeta ??= ProtocolMembers(meta);
                }

                Client ??= Peer(meta, MetaClientInfo);
            }
        }
    }

    /// <summary>A result from the server for the client's request <paramref name="method"/>.</summary>
    public void OnServerAnswer(string method, ReadOnlySpan<byte> frame)
    {
        if (_settled)
            return;
        bool settledNow;
        lock (_gate)
        {
            var result = Read(frame, "result");
            if (result is null)
                return; // an error: a probe the server did not know, or a failed request
            if (method == "initialize")
            {
                Era = Handshake;
                Version = Text(result, "protocolVersion") ?? Version;
                Server = Peer(result, "serverInfo") ?? Server;
                LearnedFrom = "initialize";
            }
            else if (Object(result, "_meta") is { } meta && Peer(meta, MetaServerInfo) is { } server && Era != Handshake)
            {
                Server = server;
                LearnedFrom = method == "server/discover" ? "server/discover" : "_meta";
            }

            settledNow = !_settled && Era is not null && Client is not null && Server is not null;
            _settled |= settledNow;
        }

        if (settledNow)
            OnSettled?.Invoke(this);
    }

    /// <summary>The <c>_meta</c> members that say who asks and in what version; not a request's own (a progress token).</summary>
    private static string ProtocolMembers(JsonElement meta)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var member in meta.EnumerateObject())
            {
                if (member.Name is MetaVersion or MetaClientInfo or "io.modelcontextprotocol/clientCapabilities")
                    member.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonElement? Read(ReadOnlySpan<byte> frame, string member)
    {
        if (frame.IsEmpty)
            return null;
        try
        {
            var reader = new Utf8JsonReader(frame);
            using var document = JsonDocument.ParseValue(ref reader);
            return Object(document.RootElement, member)?.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Object(JsonElement? parent, string member) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement? parent, string member) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static PeerInfo? Peer(JsonElement? parent, string member) =>
        Object(parent, member) is { } info ? new PeerInfo(Text(info, "name"), Text(info, "version")) : null;
}
