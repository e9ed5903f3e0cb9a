using McpShim.Containers;

namespace McpShim.Tests.Containers;

public sealed class IgnorePatternsSpecs
{
    [Theory]
    [InlineData(".env", ".env", false, true)]
    [InlineData(".env", "sub/.env", false, true)]
    [InlineData("/.env", "sub/.env", false, false)]
    [InlineData("/.env", ".env", false, true)]
    [InlineData("*.pem", "keys/server.pem", false, true)]
    [InlineData("*.pem", "keys/server.pem.txt", false, false)]
    [InlineData("secrets/", "secrets", true, true)]
    [InlineData("secrets/", "secrets", false, false)]
    [InlineData("config/*.key", "config/a.key", false, true)]
    [InlineData("config/*.key", "config/deep/a.key", false, false)]
    [InlineData("**/id_*", "a/b/id_rsa", false, true)]
    [InlineData("**/id_*", "id_rsa", false, true)]
    [InlineData("a/**/z", "a/z", false, true)]
    [InlineData("a/**/z", "a/b/c/z", false, true)]
    [InlineData("file?.txt", "file1.txt", false, true)]
    [InlineData("file?.txt", "file10.txt", false, false)]
    [InlineData("[ab].txt", "a.txt", false, true)]
    [InlineData("[!ab].txt", "a.txt", false, false)]
    [InlineData("\\#notes", "#notes", false, true)]
    [InlineData("# a comment", "# a comment", false, false)]
    public void Patterns_follow_gitignore(string pattern, string path, bool isFolder, bool ignored)
    {
        Assert.Equal(ignored, IgnorePatterns.Parse([pattern]).IsIgnored(path, isFolder));
    }

    [Theory]
    [InlineData("*.env", "a\nb.env", true)]
    [InlineData(".env*", ".env\nanything", true)]
    [InlineData("secret*", "dir\nname/secret\n", true)]
    [InlineData("**/id_*", "x\ny/id_rsa", true)]
    [InlineData("a/**/z", "a/b\nc/z", true)]
    [InlineData("*.env", "a,type=volume,source=victim.env", true)]
    [InlineData(".env", ".env\n", false)]
    [InlineData("file?.txt", "file\n.txt", true)]
    public void Newlines_commas_and_equals_signs_in_names_are_ordinary_characters(string pattern, string path, bool ignored)
    {
        Assert.Equal(ignored, IgnorePatterns.Parse([pattern]).IsIgnored(path, false));
    }

    [Fact]
    public void The_last_matching_pattern_wins_so_a_negation_re_includes()
    {
        var patterns = IgnorePatterns.Parse(["*.env", "!example.env", "  ", "# comment"]);

        Assert.True(patterns.IsIgnored("prod.env", false));
        Assert.False(patterns.IsIgnored("example.env", false));
    }
}
