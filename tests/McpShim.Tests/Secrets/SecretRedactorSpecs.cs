using System.Text;
using System.Text.Json;
using McpShim.Audit;
using McpShim.Relay;
using McpShim.Secrets;
using McpShim.Tests.Support;

namespace McpShim.Tests.Secrets;

/// <summary>
/// Issue 13, "secrets in full audit mode": a secret is redacted however JSON spelt it, in the audit and in the
/// server's stderr alike. Each secret here has a character JSON writers like to escape.
/// </summary>
public sealed class SecretRedactorSpecs
{
    private static readonly SecretValue[] Secrets =
    [
        new("PLUS", "s3cr3t+plus", "test"),
        new("QUOTE", "say\"cheese\"", "test"),
        new("SLASH", "back\\slash", "test"),
        new("ACCENT", "pässwörd€", "test"),
        new("PATH", "tok/en/123", "test"),
        new("EMOJI", "key😀lock", "test"),
    ];

    public static TheoryData<string, string> Spellings => new()
    {
        { "s3cr3t\\u002Bplus", "PLUS" },
        { "s3cr3t\\u002bplus", "PLUS" },
        { "\\u0073\\u0033cr3t+plus", "PLUS" },
        { "say\\\"cheese\\\"", "QUOTE" },
        { "say\\u0022cheese\\u0022", "QUOTE" },
        { "back\\\\slash", "SLASH" },
        { "back\\u005cslash", "SLASH" },
        { "p\\u00e4ssw\\u00f6rd\\u20ac", "ACCENT" },
        { "p\\u00E4ssw\\u00F6rd\\u20AC", "ACCENT" },
        { "tok\\/en\\/123", "PATH" },
        { "key\\ud83d\\ude00lock", "EMOJI" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void A_secret_is_found_in_text_however_json_escaped_it(string spelling, string name)
    {
        var redactor = new SecretRedactor(Secrets);
        var line = $"request body: {{\"token\":\"{spelling}\"}} (done)";

        Assert.True(redactor.Contains(Encoding.UTF8.GetBytes(line)));
        Assert.Equal($"request body: {{\"token\":\"[redacted:{name}]\"}} (done)", redactor.Redact(line));
        Assert.Equal($"request body: {{\"token\":\"[redacted:{name}]\"}} (done)", Encoding.UTF8.GetString(redactor.Redact(Encoding.UTF8.GetBytes(line))));
    }

    [Theory]
    [InlineData("s3cr3t+plus", "PLUS")]
    [InlineData("say\"cheese\"", "QUOTE")]
    [InlineData("back\\slash", "SLASH")]
    [InlineData("pässwörd€", "ACCENT")]
    [InlineData("tok/en/123", "PATH")]
    [InlineData("key😀lock", "EMOJI")]
    public void A_secret_is_found_as_it_is(string secret, string name) =>
        Assert.Equal($"x [redacted:{name}] y", new SecretRedactor(Secrets).Redact($"x {secret} y"));

    [Fact]
    public void Text_that_only_looks_like_a_secret_is_left_alone()
    {
        var redactor = new SecretRedactor(Secrets);

        Assert.False(redactor.Contains("s3cr3t\\u002Cplus say\\\"cheese back\\/slash"u8));
        Assert.Equal("s3cr3t\\u002Cplus", redactor.Redact("s3cr3t\\u002Cplus"));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Full_audit_mode_records_arguments_with_secrets_redacted_in_their_decoded_values(string spelling, string name)
    {
        using var temp = new TempFolder();
        var path = temp.File("audit.jsonl");
        var arguments = Encoding.UTF8.GetBytes($$$"""{"query":"use {{{spelling}}} now","n":1,"list":["{{{spelling}}}",true,null],"{{{spelling}}}":{"deep":"{{{spelling}}}"}}""");
        using (var log = new AuditLog(path, new ListLogger()))
        {
            var recorder = new AuditRecorder(log, new SessionIdentity("s", "p", "u", null), ArgumentsMode.Full) { Redactor = new SecretRedactor(Secrets) };
            recorder.ToolCall(new PendingRequest(new RequestKey(7, null), "tools/call", 0, arguments.Length, "search", new ToolCallArguments([], arguments)), AuditOutcome.Ok, 10);
        }

        var line = File.ReadAllText(path);
        var recorded = JsonDocument.Parse(line).RootElement.GetProperty("arguments");
        var marker = $"[redacted:{name}]";
        Assert.Equal($"use {marker} now", recorded.GetProperty("query").GetString());
        Assert.Equal(marker, recorded.GetProperty("list")[0].GetString());
        Assert.Equal(1, recorded.GetProperty("n").GetInt32());
        Assert.Equal(marker, recorded.GetProperty(marker).GetProperty("deep").GetString());
        var secret = Secrets.Single(s => s.Name == name).Value;
        Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonEncodedText.Encode(secret).Value, line, StringComparison.Ordinal);
        Assert.DoesNotContain(spelling, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_with_a_lone_surrogate_are_still_redacted()
    {
        using var temp = new TempFolder();
        var path = temp.File("audit.jsonl");
        var arguments = """{"a":"\ud800 s3cr3t\u002Bplus"}"""u8.ToArray();
        using (var log = new AuditLog(path, new ListLogger()))
        {
            var recorder = new AuditRecorder(log, new SessionIdentity("s", "p", "u", null), ArgumentsMode.Full) { Redactor = new SecretRedactor(Secrets) };
            recorder.ToolCall(new PendingRequest(new RequestKey(7, null), "tools/call", 0, arguments.Length, "t", new ToolCallArguments([], arguments)), AuditOutcome.Ok, 10);
        }

        var line = File.ReadAllText(path);
        Assert.Contains("[redacted:PLUS]", JsonDocument.Parse(line).RootElement.GetProperty("arguments").GetProperty("a").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("plus", line.Replace("[redacted:PLUS]", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
