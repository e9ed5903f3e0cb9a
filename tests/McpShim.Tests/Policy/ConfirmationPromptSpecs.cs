using System.Text.Json;
using McpShim.Policy;

namespace McpShim.Tests.Policy;

public sealed class ConfirmationPromptSpecs
{
    [Fact]
    public void It_names_profile_tool_and_arguments_and_redacts_secrets()
    {
        using var arguments = JsonDocument.Parse("""
            {"path":"/workspace/notes.txt","api_key":"sk-123","nested":{"password":"hunter2","depth":1},"content":"token ghp_abcdef in text"}
            """);

        var message = ConfirmationPrompt.Build(
            "fs", "write_file", "Create or overwrite a file.", arguments.RootElement, text => text.Replace("ghp_abcdef", "[redacted:GITHUB_TOKEN]", StringComparison.Ordinal));

        Assert.Equal(
            """
            mcpshim (profile 'fs') asks before this tool runs: write_file — Create or overwrite a file.
            Arguments:
              path: "/workspace/notes.txt"
              api_key: [redacted]
              nested: {"password":"[redacted]","depth":1}
              content: "token [redacted:GITHUB_TOKEN] in text"
            Allow this call?
            """.ReplaceLineEndings("\n"),
            message);
        Assert.DoesNotContain("sk-123", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_values_are_cut_and_no_arguments_are_said_plainly()
    {
        using var arguments = JsonDocument.Parse($$"""{"content":"{{new string('x', 5000)}}"}""");

        var cut = ConfirmationPrompt.Build("p", "t", null, arguments.RootElement, s => s);
        var none = ConfirmationPrompt.Build("p", "t", null, default, s => s);

        Assert.Contains("… (5002 bytes)", cut, StringComparison.Ordinal);
        Assert.True(cut.Length < 400, cut);
        Assert.Contains("No arguments.", none, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api_key", true)]
    [InlineData("API-Key", true)]
    [InlineData("githubToken", true)]
    [InlineData("client_secret", true)]
    [InlineData("Authorization", true)]
    [InlineData("path", false)]
    [InlineData("author", false)]
    [InlineData("keyword", false)]
    public void Secret_looking_names_are_recognised(string name, bool secret) =>
        Assert.Equal(secret, SecretArgumentNames.IsSecret(name));
}
