using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary><c>mcpshim doctor</c> (issue 6) against the real engine: all green when everything is in place.</summary>
public sealed class DoctorSpecs
{
    [DockerFact(Timeout = 120_000)]
    public async Task Doctor_passes_when_the_engine_answers_and_every_profile_has_its_image()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        sandbox.SetTopLevel("secretsFile", "secrets.env");
        var profile = sandbox.AddEverythingProfile("doctor");

        var result = await DoctorAsync(sandbox);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^ok +engine +docker \S+ answers", result.Stdout);
        Assert.Matches(@"(?m)^ok +engine API +unix://\S+ answers: exec sessions and start-up checks use it", result.Stdout);
        Assert.Matches($@"(?m)^ok +image +{EverythingImage.Name.Replace(".", "\\.", StringComparison.Ordinal)} present \(\w{{12}}\), used by .*{profile}", result.Stdout);
        Assert.Matches(@"(?m)^ok +audit +.+audit\.jsonl", result.Stdout);
        Assert.Matches(@"(?m)^ok +clock ", result.Stdout);
        Assert.Contains("checks passed", result.Stdout, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Doctor_fails_with_a_fix_when_a_configured_image_is_missing()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        sandbox.SetTopLevel("secretsFile", "secrets.env");
        var missing = $"mcpshim-test/absent-{Guid.NewGuid():N}:1";
        var profile = sandbox.AddProfile("doctor-missing", new System.Text.Json.Nodes.JsonObject { ["image"] = missing });

        var result = await DoctorAsync(sandbox);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches($@"(?m)^FAIL +image +{missing} missing, needed by {profile}\. Fix: pull it: docker pull {missing}$", result.Stdout);
    }

    [DockerFact(Timeout = 120_000)]
    public async Task A_built_in_profile_a_new_user_has_not_set_up_is_a_warning_but_a_broken_profile_of_theirs_fails()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        sandbox.SetTopLevel("secretsFile", "secrets.env");
        using var home = new TempDirectory(); // run in it: the built-in filesystem profile never mounts a home folder itself
        var environment = new Dictionary<string, string?>(sandbox.Environment) { ["HOME"] = home.Path };

        var fresh = await ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], environment, timeout: TimeSpan.FromSeconds(90), workingDirectory: home.Path);
        var profile = sandbox.AddProfile("doctor-mount", new System.Text.Json.Nodes.JsonObject
        {
            ["image"] = EverythingImage.Name,
            ["volumes"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["host"] = home.File("absent"), ["container"] = "/data" }),
        });
        var broken = await ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], environment, timeout: TimeSpan.FromSeconds(90), workingDirectory: home.Path);

        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.Matches(@"(?m)^warn +profile filesystem +built-in: .*serves the folder its MCP client starts it in.*Fix: only if you use 'filesystem'", fresh.Stdout);
        Assert.True(broken.ExitCode == 1, broken.ToString());
        Assert.Matches($@"(?m)^FAIL +profile {profile} +.*does not exist.*Fix: edit .*, then check with 'mcpshim show {profile}'\.$", broken.Stdout);
    }

    private static Task<CommandResult> DoctorAsync(ShimSandbox sandbox) =>
        ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], sandbox.Environment, timeout: TimeSpan.FromSeconds(90));
}
