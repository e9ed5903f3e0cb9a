using McpShim.Containers;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

public sealed class IgnoreMasksSpecs
{
    [Fact]
    public void Ignored_files_are_covered_by_dev_null_and_ignored_folders_by_an_empty_tmpfs()
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

        var mounts = masks.Where((_, i) => i % 2 == 1).Order(StringComparer.Ordinal).ToList();
        Assert.All(masks.Where((_, i) => i % 2 == 0), flag => Assert.Equal("--mount", flag));
        Assert.Equal(
            [
                "type=bind,source=/dev/null,target=/workspace/.env,readonly",
                "type=bind,source=/dev/null,target=/workspace/src/.env,readonly",
                "type=bind,source=/dev/null,target=/workspace/src/key.pem,readonly",
                "type=tmpfs,destination=/workspace/secrets,tmpfs-size=4096,tmpfs-mode=0000",
            ],
            mounts);
    }

    [Fact]
    public void Without_a_mcpignore_file_nothing_is_masked()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(".env"), "x");

        Assert.Empty(IgnoreMasks.For(temp.Path, "/w"));
    }
}
