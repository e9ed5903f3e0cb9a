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

    public ArgumentsMode ArgumentsMode => argumentsMode;

    public AuditLog Log => log;

    public SessionIdentity Identity => identity;

    public string? Image { get; set; } = identity.Image;

    /// <summary>Hides the profile's secret values in argument values recorded in <c>full</c> mode.</summary>
    public Secrets.SecretRedactor Redactor { get; set; } = Secrets.SecretRedactor.None;

    public void SessionStart(string mode, int pid, string version) => Write("session.start", w =>
    {
        w.WriteString("mode", mode);
        w.WriteNumber("pid", pid);
        w.WriteString("version", version);
    });

    public void SessionEnd(string reason, int? exitCode, double durationMs, int toolCalls) => Write("session.end", w =>
    {
        w.WriteString("reason", reason);
        if (exitCode is { } code)
            w.WriteNumber("exitCode", code);
        else
            w.WriteNull("exitCode");
        w.WriteNumber("durationMs", Math.Round(durationMs, 1));
        w.WriteNumber("toolCalls", toolCalls);
        if (log.LostLines > 0)
            w.WriteNumber("lostAuditLines", log.LostLines);
    });

    public void ToolCall(PendingRequest call, string outcome, long bytesOut) => Write("tools/call", w =>
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
    public void PolicyToolCall(PendingRequest call, string outcome, long bytesOut, string? reason, bool? confirmed, string? confirmation) => Write("tools/call", w =>
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

    /// <summary>A <c>tool.unpinned</c> line: the first time a session meets a tool that is not as pinned (issue 4).</summary>
    public void ToolUnpinned(string tool, string change, string? pinnedHash, string hash) => Write("tool.unpinned", w =>
    {
        w.WriteString("tool", tool);
        w.WriteString("change", change);
        if (pinnedHash is null)
            w.WriteNull("pinnedHash");
        else
            w.WriteString("pinnedHash", pinnedHash);
        w.WriteString("hash", hash);
    });

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

    private void Write(string eventName, Action<Utf8JsonWriter> body)
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(_buffer, Json.ReadableJson.Options))
            {
                w.WriteStartObject();
                w.WriteString("ts", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
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
