using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using McpShim.Relay;

namespace McpShim.Audit;

/// <summary>Turns session events into audit lines (see the README's audit section for the fields).</summary>
internal sealed class AuditRecorder(AuditLog log, SessionIdentity identity, ArgumentsMode argumentsMode)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Lock _gate = new();
    private bool _protocolWritten;
    private int _ended;

    public ArgumentsMode ArgumentsMode => argumentsMode;

    public AuditLog Log => log;

    public SessionIdentity Identity => identity;

    public string? Image { get; set; } = identity.Image;

    /// <summary>Hides the profile's secret values in argument values recorded in <c>full</c> mode.</summary>
    public Secrets.SecretRedactor Redactor { get; set; } = Secrets.SecretRedactor.None;

    /// <summary>
    /// Keeps a file in the state folder from the start line to the end line, so a later mcpshim can write the end line
    /// of a session whose mcpshim was killed (issue 13). Null: no marker (tests, one-off commands).
    /// </summary>
    public OpenSessionMarker? Marker { get; init; }

    /// <param name="runtime">The container runtime the profile names (runsc, say); null for the engine's default or no container.</param>
    /// <param name="sandboxed">For a server on the host (mode local): whether it runs in the host sandbox; null otherwise.</param>
    public void SessionStart(string mode, int pid, string version, string? runtime = null, bool? sandboxed = null)
    {
        var ts = Timestamp();
        Marker?.Open(this, mode, ts); // first: a start line never stands without its marker
        Write("session.start", ts, w =>
        {
            w.WriteString("mode", mode);
            if (runtime is not null)
                w.WriteString("runtime", runtime);
            if (sandboxed is { } sandbox)
                w.WriteBoolean("sandbox", sandbox);
            w.WriteNumber("pid", pid);
            w.WriteString("version", version);
        });
    }

    /// <summary>
    /// The session's one <c>session.end</c> line: false, writing nothing, when it was already written (a signal can end
    /// the audit of a session while its server is still being stopped; see <see cref="Relay.RelaySession"/>).
    /// </summary>
    public bool SessionEnd(string reason, int? exitCode, double durationMs, int toolCalls)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return false;
        var lostBefore = log.LostLines;
        Write("session.end", null, w =>
        {
            w.WriteString("reason", reason);
            if (Protocol is { Era: not null } protocol)
                WriteProtocol(w, protocol);
            if (exitCode is { } code)
                w.WriteNumber("exitCode", code);
            else
                w.WriteNull("exitCode");
            w.WriteNumber("durationMs", Math.Round(durationMs, 1));
            w.WriteNumber("toolCalls", toolCalls);
            if (log.LostLines > 0)
                w.WriteNumber("lostAuditLines", log.LostLines);
        });
        if (log.LostLines == lostBefore)
            Marker?.Close(); // else the marker stays, and a later mcpshim writes the line ("lost") once this one is gone
        return true;
    }

    /// <summary>
    /// The <c>session.end</c> of a session whose mcpshim died before writing it (<c>reason: "lost"</c>), written by the
    /// mcpshim that found its marker: how it ended, how long it took and its tool-call count are unknown.
    /// </summary>
    public void SessionLost(int pid, string reapedBy) => Write("session.end", null, w =>
    {
        w.WriteString("reason", Relay.SessionEndReason.Lost);
        w.WriteNull("exitCode");
        w.WriteNull("durationMs");
        w.WriteNull("toolCalls");
        w.WriteNumber("pid", pid);
        w.WriteString("reapedBy", reapedBy);
    });

    /// <summary>
    /// A <c>session.protocol</c> line: the era and version the session speaks and the peers' self-reported names
    /// (issue 15). Written once both sides are known, or at the session's end with what is known.
    /// </summary>
    public void SessionProtocol(SessionProtocol protocol)
    {
        lock (_gate)
        {
            if (_protocolWritten)
                return;
            _protocolWritten = true;
        }

        Write("session.protocol", null, w =>
        {
            WriteProtocol(w, protocol);
            WritePeer(w, "client", protocol.Client);
            WritePeer(w, "server", protocol.Server);
            if (protocol.LearnedFrom is { } from)
                w.WriteString("learnedFrom", from);
        });
    }

    /// <summary>The session's protocol, also named on its <c>session.end</c> line.</summary>
    public SessionProtocol? Protocol { get; set; }

    public void ToolCall(PendingRequest call, string outcome, long bytesOut) => Write("tools/call", null, w =>
    {
        w.WriteString("tool", call.ToolName);
        w.WritePropertyName("requestId");
        w.WriteRawValue(call.Id.ToJson(), skipInputValidation: true);
        w.WriteString("outcome", outcome);
        w.WriteNumber("durationMs", Math.Round(Stopwatch.GetElapsedTime(call.StartTimestamp).TotalMilliseconds, 3));
        w.WriteNumber("bytesIn", call.BytesIn);
        w.WriteNumber("bytesOut", bytesOut);
        WriteArguments(w, call.Arguments);
    });

    /// <summary>
    /// A <c>tools/call</c> line with the tool policy's part (issue 4): <c>reason</c> for a call it denied
    /// (<c>outcome: "denied"</c>), <c>confirmed</c> and the user's <c>confirmation</c> answer for a call it asked about.
    /// </summary>
    public void PolicyToolCall(PendingRequest call, string outcome, long bytesOut, string? reason, bool? confirmed, string? confirmation) => Write("tools/call", null, w =>
    {
        w.WriteString("tool", call.ToolName);
        w.WritePropertyName("requestId");
        w.WriteRawValue(call.Id.ToJson(), skipInputValidation: true);
        w.WriteString("outcome", outcome);
        if (reason is not null)
            w.WriteString("reason", reason);
        if (confirmed is { } isConfirmed)
            w.WriteBoolean("confirmed", isConfirmed);
        if (confirmation is not null)
            w.WriteString("confirmation", confirmation);
        w.WriteNumber("durationMs", Math.Round(Stopwatch.GetElapsedTime(call.StartTimestamp).TotalMilliseconds, 3));
        w.WriteNumber("bytesIn", call.BytesIn);
        w.WriteNumber("bytesOut", bytesOut);
        WriteArguments(w, call.Arguments);
    });

    /// <summary>
    /// A <c>frame.refused</c> line: a frame that was not forwarded because readers could read it differently, or it
    /// broke a relay limit (issue 13). <paramref name="requestId"/> is raw JSON; what could not be read is left out.
    /// </summary>
    public void FrameRefused(string direction, string reason, long bytes, string? method, string? requestId, string? tool) => Write("frame.refused", null, w =>
    {
        w.WriteString("direction", direction);
        w.WriteString("reason", reason);
        w.WriteNumber("bytes", bytes);
        if (method is not null)
            w.WriteString("method", method);
        if (requestId is not null)
        {
            w.WritePropertyName("requestId");
            w.WriteRawValue(requestId, skipInputValidation: true);
        }

        if (tool is not null)
            w.WriteString("tool", tool);
    });

    /// <summary>A <c>tool.unpinned</c> line: the first time a session meets a tool that is not as pinned (issue 4).</summary>
    public void ToolUnpinned(string tool, string change, string? pinnedHash, string hash) => Write("tool.unpinned", null, w =>
    {
        w.WriteString("tool", tool);
        w.WriteString("change", change);
        if (pinnedHash is null)
            w.WriteNull("pinnedHash");
        else
            w.WriteString("pinnedHash", pinnedHash);
        w.WriteString("hash", hash);
    });

    private static void WriteProtocol(Utf8JsonWriter w, SessionProtocol protocol)
    {
        WriteOptional(w, "era", protocol.Era);
        WriteOptional(w, "protocolVersion", protocol.Version);
    }

    private static void WritePeer(Utf8JsonWriter w, string name, PeerInfo? peer)
    {
        if (peer is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        WriteOptional(w, "name", peer.Name);
        WriteOptional(w, "version", peer.Version);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }

    private void WriteArguments(Utf8JsonWriter w, ToolCallArguments? arguments)
    {
        if (argumentsMode == ArgumentsMode.None)
            return;
        w.WritePropertyName("arguments");
        if (arguments is null)
        {
            w.WriteNullValue();
            return;
        }

        if (argumentsMode == ArgumentsMode.Full && arguments.RawJson is { } raw)
        {
            if (Redactor.IsEmpty)
                w.WriteRawValue(raw, skipInputValidation: true);
            else
                WriteRedacted(w, raw);
            return;
        }

        w.WriteStartObject();
        foreach (var (name, size) in arguments.Sizes)
            w.WriteNumber(Redactor.IsEmpty ? name : Redactor.Redact(name), size); // a name is the client's text too
        w.WriteEndObject();
    }

    /// <summary>
    /// Arguments with secrets redacted in their decoded values (issue 13: searching the raw JSON misses a secret
    /// sent with escapes). Arguments that cannot be read again are not written at all rather than written unredacted.
    /// </summary>
    private void WriteRedacted(Utf8JsonWriter w, byte[] raw)
    {
        var copy = new ArrayBufferWriter<byte>(raw.Length + 64);
        try
        {
            using (var redacted = new Utf8JsonWriter(copy, Json.ReadableJson.Options))
                Secrets.RedactedJson.Write(redacted, raw, Redactor);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            w.WriteStringValue("[arguments not recorded: mcpshim could not read them to redact the profile's secrets]");
            return;
        }

        w.WriteRawValue(copy.WrittenSpan, skipInputValidation: true);
    }

    private static string Timestamp() =>
        DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="ts">The line's time; null: now, taken under the lock so lines are in time order.</param>
    private void Write(string eventName, string? ts, Action<Utf8JsonWriter> body)
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(_buffer, Json.ReadableJson.Options))
            {
                w.WriteStartObject();
                w.WriteString("ts", ts ?? Timestamp());
                w.WriteString("event", eventName);
                w.WriteString("session", identity.Session);
                w.WriteString("profile", identity.Profile);
                w.WriteString("user", identity.User);
                if (Image is null)
                    w.WriteNull("image");
                else
                    w.WriteString("image", Image);
                body(w);
                w.WriteEndObject();
            }

            _buffer.Write("\n"u8);
            log.Append(_buffer.WrittenSpan);
        }
    }
}
