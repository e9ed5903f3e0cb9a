using McpShim.Containers;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

public sealed class IgnoreMasksSpecs
{
    [Fact]
    public void Ignored_files_are_covered_by_dev_null_and_ignored_folders_by_an_empty_read_only_tmpfs()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(".mcpignore"), ".env\nsecrets/\n*.pem\n!public.pem\n");
        File.WriteAllText(temp.File(".env"), "TOKEN=x");
        File.WriteAllText(temp.File("readme.md"), "hi");
        Directory.CreateDirectory(temp.File("secrets"));
        File.WriteAllText(Path.Combine(temp.Path, "secrets", "a.txt"), "x");
        Directory.CreateDirectory(temp.File("src"));
        File.WriteAllText(Path.Combine(temp.Path, "src", ".env"), "x");
        File.WriteAllText(Path.Combine(temp.Path, "src", "key.pem"), "x");
        File.WriteAllText(Path.Combine(temp.Path, "src", "public.pem"), "x");

        var masks = IgnoreMasks.For(temp.Path, "/workspace/");

        var flags = masks.SelectMany(m => m.ToCliFlag()).ToList();
        var mounts = flags.Where((_, i) => i % 2 == 1).Order(StringComparer.Ordinal).ToList();
        Assert.All(flags.Where((_, i) => i % 2 == 0), flag => Assert.Equal("--mount", flag));
        Assert.Equal(
            [
                "type=bind,source=/dev/null,target=/workspace/.env,readonly",
                "type=bind,source=/dev/null,target=/workspace/src/.env,readonly",
                "type=bind,source=/dev/null,target=/workspace/src/key.pem,readonly",
                "type=tmpfs,destination=/workspace/secrets,tmpfs-size=4096,readonly",
            ],
            mounts);
    }

    [Theory]
    [InlineData("a,b.env")]
    [InlineData(".env-x,type=volume,source=victim")]
    [InlineData("a=b.env")]
    [InlineData("line\nbreak.env")]
    public void Any_file_name_is_masked_as_a_typed_mount_that_names_it_exactly(string name)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(".mcpignore"), "*.env\n.env*\n");
        File.WriteAllText(Path.Combine(temp.Path, name), "SECRET=1");

        var mask = Assert.Single(IgnoreMasks.For(temp.Path, "/w"));

        Assert.Equal("/w/" + name, mask.Target);
        var request = mask.ToRequest();
        Assert.Equal(("bind", "/dev/null", "/w/" + name, true), (request.Type, request.Source, request.Target, request.ReadOnly));
    }

    [Theory]
    [InlineData(".env-x,type=volume,source=victim", "a ','")]
    [InlineData("a\"b.env", "a '\"'")]
    [InlineData("line\nbreak.env", "a newline")]
    public void A_mask_the_CLI_cannot_carry_stops_the_session_with_the_file_and_the_fix(string name, string what)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(".mcpignore"), "*.env\n.env*\n");
        File.WriteAllText(Path.Combine(temp.Path, name), "SECRET=1");
        var mask = Assert.Single(IgnoreMasks.For(temp.Path, "/w"));

        var ex = Assert.Throws<StartupException>(mask.ToCliFlag);

        Assert.StartsWith(temp.File(".mcpignore") + ": the mask of '", ex.Message, StringComparison.Ordinal);
        Assert.Contains("it holds " + what, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Rename it, or let mcpshim reach the Docker Engine API", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_an_equals_sign_is_safe_on_the_CLI_too()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(".mcpignore"), "*.env\n");
        File.WriteAllText(temp.File("a=b.env"), "x");

        Assert.Equal(["--mount", "type=bind,source=/dev/null,target=/w/a=b.env,readonly"], Assert.Single(IgnoreMasks.For(temp.Path, "/w")).ToCliFlag());
    }

    [Fact]
    public void Without_a_mcpignore_file_nothing_is_masked()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(".env"), "x");

        Assert.Empty(IgnoreMasks.For(temp.Path, "/w"));
    }
}
