using McpShim.Containers;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

/// <summary>The warm container's config label says whether it was made alike, and nothing about the secrets (issue 14).</summary>
public sealed class WarmConfigDigestSpecs : IDisposable
{
    private readonly TempFolder _state = new();

    [Fact]
    public void A_label_matches_what_it_was_made_from_and_nothing_else()
    {
        var key = WarmConfigDigest.LoadKey(_state.Path);
        string[] parts = ["image", "sha256:1", "secrets", "API_KEY", "hunter2"];

        var label = WarmConfigDigest.New(key, parts);

        Assert.True(WarmConfigDigest.Matches(label, key, parts));
        Assert.False(WarmConfigDigest.Matches(label, key, ["image", "sha256:1", "secrets", "API_KEY", "hunter3"]));
        Assert.False(WarmConfigDigest.Matches(label, key, ["image", "sha256:1", "secrets", "API_KEYh", "unter2"]));
        Assert.False(WarmConfigDigest.Matches(label, new byte[32], parts));
        Assert.False(WarmConfigDigest.Matches("0123456789abcdef", key, parts)); // an earlier mcpshim's label
        Assert.False(WarmConfigDigest.Matches(null, key, parts));
    }

    [Fact]
    public void A_label_shows_neither_the_secret_nor_a_plain_hash_of_it_and_differs_per_container()
    {
        var key = WarmConfigDigest.LoadKey(_state.Path);
        string[] parts = ["secrets", "API_KEY", "hunter2"];

        var first = WarmConfigDigest.New(key, parts);
        var second = WarmConfigDigest.New(key, parts);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("hunter2", first, StringComparison.Ordinal);
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("hunter2"u8));
        Assert.DoesNotContain(plain, first, StringComparison.Ordinal);
    }

    [UnixFact]
    public void The_key_is_made_once_and_is_yours_alone()
    {
        var key = WarmConfigDigest.LoadKey(_state.Path);

        Assert.Equal(key, WarmConfigDigest.LoadKey(_state.Path));
        Assert.Equal(32, key.Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_state.File("config.key")));
    }

    public void Dispose() => _state.Dispose();
}
