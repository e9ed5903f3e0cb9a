using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary><c>mcpshim show</c> (issue 6) with a real engine: the image's user and command come from the image.</summary>
public sealed class ShowSpecs
{
    private const string PlantedSecret = "planted-show-secret-91c2";

    [DockerFact(Timeout = 60_000)]
    public async Task I_can_see_the_engine_command_a_session_would_run_with_the_images_user_and_no_secret_value()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("show", configure: p => p["secrets"] = new System.Text.Json.Nodes.JsonArray("SHOW_TOKEN"));
        var environment = new Dictionary<string, string?>(sandbox.Environment) { ["SHOW_TOKEN"] = PlantedSecret };

        var text = await ProcessRunner.RunAsync(ShimBinary.Path, ["show", profile], environment, timeout: TimeSpan.FromSeconds(30));
        var json = await ProcessRunner.RunAsync(ShimBinary.Path, ["show", profile, "--json"], environment, timeout: TimeSpan.FromSeconds(30));

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches(@"(?m)^user +image +65532:65532$", text.Stdout);
        Assert.Contains("--user 65532:65532", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("-e SHOW_TOKEN \\", text.Stdout, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        var argv = document.RootElement.GetProperty("commands")[0].GetProperty("argv").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["docker", "run", "--rm", "-i"], argv.Take(4));
        Assert.Equal(EverythingImage.Name, argv[^1]);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("imageProblem").ValueKind);
        foreach (var output in new[] { text.Stdout, text.Stderr, json.Stdout, json.Stderr })
            Assert.DoesNotContain(PlantedSecret, output, StringComparison.Ordinal);
    }
}
