using System.Globalization;
using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>Every session and every tools/call leaves a line in the audit file, without argument values in keys mode.</summary>
public sealed class AuditSpecs
{
    [DockerFact(Timeout = 90_000)]
    public async Task I_can_read_who_called_which_tool_with_what_outcome_in_the_audit_file()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        sandbox.SetAuditArguments("keys");
        var profile = sandbox.AddEverythingProfile("audit");
        var secret = "audit-secret-" + Guid.NewGuid().ToString("N");

        await using (var session = await sandbox.ConnectAsync(profile))
        {
            await session.EchoAsync(secret);
            // A wrong argument type: the server answers with an isError result, a tool error rather than a crash.
            var failed = await session.Client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = 42 });
            Assert.True(failed.IsError, ShimSession.TextOf(failed));
        }

        var records = await sandbox.Audit.WaitForEventAsync("session.end", TimeSpan.FromSeconds(15));
        var dump = sandbox.Audit.ReadText();

        Assert.DoesNotContain(secret, dump);
        Assert.All(records, r =>
        {
            Assert.True(DateTimeOffset.TryParse(Str(r, "ts"), CultureInfo.InvariantCulture, out _), $"bad ts in {r}");
            Assert.Equal(profile, Str(r, "profile"));
            Assert.False(string.IsNullOrEmpty(Str(r, "session")), $"no session in {r}");
            Assert.False(string.IsNullOrEmpty(Str(r, "user")), $"no user in {r}");
        });
        var sessionId = Str(records[0], "session");
        Assert.All(records, r => Assert.Equal(sessionId, Str(r, "session")));

        Assert.Equal(
            ["session.start", "session.protocol", "tools/call", "tools/call", "session.end"],
            records.Select(r => Str(r, "event")));

        // The image as the profile names it, possibly pinned to the ID it resolved to ("NAME@sha256:...").
        var image = Str(records[0], "image");
        Assert.True(image?.StartsWith(EverythingImage.Name, StringComparison.Ordinal), $"image: {image}");

        var protocol = records[1];
        Assert.Equal("2025-11-25", Str(protocol, "era"));
        Assert.Equal(JsonValueKind.Object, protocol.GetProperty("server").ValueKind);

        var ok = records[2];
        Assert.Equal("echo", Str(ok, "tool"));
        Assert.Equal("ok", Str(ok, "outcome"));
        AssertRequestId(ok);
        Assert.Equal(image, Str(ok, "image"));
        // keys mode: each argument's name and the byte size of its JSON value, never the value.
        Assert.Equal(JsonValueKind.Object, ok.GetProperty("arguments").ValueKind);
        Assert.Equal(["message"], ok.GetProperty("arguments").EnumerateObject().Select(p => p.Name));
        Assert.Equal(secret.Length + 2, ok.GetProperty("arguments").GetProperty("message").GetInt64());
        Assert.True(ok.GetProperty("durationMs").GetDouble() >= 0, dump);
        Assert.True(ok.GetProperty("bytesIn").GetInt64() > secret.Length, dump);
        Assert.True(ok.GetProperty("bytesOut").GetInt64() > secret.Length, dump);

        var toolError = records[3];
        Assert.Equal("echo", Str(toolError, "tool"));
        Assert.Equal("tool_error", Str(toolError, "outcome"));
        AssertRequestId(toolError);
        Assert.Equal(2, toolError.GetProperty("arguments").GetProperty("message").GetInt64());
        Assert.NotEqual(ok.GetProperty("requestId").ToString(), toolError.GetProperty("requestId").ToString());

        var end = records[4];
        Assert.False(string.IsNullOrEmpty(Str(end, "reason")), dump);
        Assert.Equal(JsonValueKind.Number, end.GetProperty("exitCode").ValueKind);
    }

    private static string? Str(JsonElement record, string property) =>
        record.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void AssertRequestId(JsonElement record)
    {
        Assert.True(record.TryGetProperty("requestId", out var id), $"no requestId in {record}");
        Assert.True(id.ValueKind is JsonValueKind.Number || (id.ValueKind is JsonValueKind.String && id.GetString()!.Length > 0),
            $"requestId must be the JSON-RPC id (number or string), got {id}");
    }
}
