namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// The deliberately bad server images under tests/images (mcpshim-test/NAME:latest), for the negative smoke tests.
/// `./build.sh test` builds them; a test builds a missing one itself (a few layers on top of mcpshim/everything).
/// </summary>
internal static class TestImages
{
    public const string RunsAsRoot = "mcpshim-test/runs-as-root:latest";
    public const string GarbageStdout = "mcpshim-test/garbage-stdout:latest";

    public static async Task EnsureBuiltAsync(string image)
    {
        if (await Docker.ImageExistsAsync(image))
            return;
        var name = image.Split('/', 2)[1].Split(':')[0];
        var context = Path.Combine(ShimBinary.RepositoryRoot, "tests", "images", name);
        var built = await ProcessRunner.RunAsync(Docker.Engine, ["build", "-t", image, context], timeout: TimeSpan.FromMinutes(3));
        if (!built.Succeeded)
            throw new InvalidOperationException($"could not build the test image {image} from {context} (run './build.sh test-images'): {built}");
    }
}
