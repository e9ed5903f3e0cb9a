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

    private static Task<CommandResult> DoctorAsync(ShimSandbox sandbox) =>
        ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], sandbox.Environment, timeout: TimeSpan.FromSeconds(90));
}
