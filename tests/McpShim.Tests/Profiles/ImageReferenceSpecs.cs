using McpShim.Profiles;

namespace McpShim.Tests.Profiles;

/// <summary>The docker reference grammar: what the engine accepts as an image name, and nothing that reads as an option.</summary>
public sealed class ImageReferenceSpecs
{
    [Theory]
    [InlineData("alpine", null, "alpine", null, null)]
    [InlineData("mcpshim/everything:latest", null, "mcpshim/everything", "latest", null)]
    [InlineData("mcpshim-test/runs-as-root:test", null, "mcpshim-test/runs-as-root", "test", null)]
    [InlineData("ghcr.io/github/github-mcp-server", "ghcr.io", "github/github-mcp-server", null, null)]
    [InlineData("localhost:5000/a/b:1.2_3-x", "localhost:5000", "a/b", "1.2_3-x", null)]
    [InlineData("localhost/a", "localhost", "a", null, null)]
    [InlineData("[::1]:5000/a", "[::1]:5000", "a", null, null)]
    [InlineData("Registry.Example/a__b/c.d-e---f", "Registry.Example", "a__b/c.d-e---f", null, null)]
    [InlineData("a@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null, "a", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("a:v1@sha256:0123456789abcdef0123456789abcdef", null, "a", "v1", "sha256:0123456789abcdef0123456789abcdef")]
    public void I_can_name_an_image_any_way_the_engine_accepts(string text, string? domain, string path, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text, out var problem);

        Assert.Equal(string.Empty, problem);
        Assert.Equal(new ImageReference(domain, path, tag, digest), reference);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("--privileged", "the repository is not lowercase")]
    [InlineData("-x", "the repository is not lowercase")]
    [InlineData("Alpine", "the repository name must be lowercase")]
    [InlineData("mcpshim/Everything", "the repository name must be lowercase")]
    [InlineData("a b", "the repository is not lowercase")]
    [InlineData("a\n", "the repository is not lowercase")]
    [InlineData("a:latest\n", "the tag 'latest\\n'")]
    [InlineData("a:-x", "the tag '-x'")]
    [InlineData("a:", "the tag ''")]
    [InlineData("a@sha256:abc", "the digest 'sha256:abc'")]
    [InlineData("a//b", "the repository is not lowercase")]
    [InlineData("a/", "the repository is not lowercase")]
    [InlineData("a..b", "the repository is not lowercase")]
    [InlineData("-bad.io/a", "the registry '-bad.io'")]
    [InlineData("a,b", "the repository is not lowercase")]
    public void A_name_outside_the_grammar_is_refused_with_why_and_an_example(string text, string why)
    {
        Assert.Null(ImageReference.Parse(text, out var problem));

        Assert.Contains("is not an image reference: " + why, problem, StringComparison.Ordinal);
        Assert.Contains("e.g. \"mcpshim/everything:latest\"", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_longer_than_255_characters_is_refused()
    {
        Assert.Null(ImageReference.Parse(new string('a', 256), out var problem));

        Assert.Contains("longer than 255", problem, StringComparison.Ordinal);
        Assert.NotNull(ImageReference.Parse(new string('a', 255) + ":t", out _));
    }
}
