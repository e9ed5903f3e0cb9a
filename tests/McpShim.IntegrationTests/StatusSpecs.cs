using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary><c>mcpshim status</c> (issue 6): managed containers found by label, with usage and a dead owner marked.</summary>
public sealed class StatusSpecs
{
    [DockerFact(Timeout = 90_000)]
    public async Task I_can_see_a_managed_container_with_its_usage_and_its_dead_owner_marked()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("status");
        var uid = (await ProcessRunner.RunAsync("id", ["-u"])).Stdout.Trim();
        var deadPid = (await ProcessRunner.RunAsync("sh", ["-c", "sleep 0 & echo $!; wait"])).Stdout.Trim();
        await Docker.RunCheckedAsync(
            "run", "-d", "--name", $"mcpshim-{profile}-orphan",
            "--label", "io.mcpshim.managed=true", "--label", $"io.mcpshim.profile={profile}", "--label", "io.mcpshim.mode=run",
            "--label", $"io.mcpshim.owner.pid={deadPid}", "--label", $"io.mcpshim.owner.host={Environment.MachineName}",
            "--label", $"io.mcpshim.owner.uid={uid}", "--label", "io.mcpshim.owner.user=tester",
            "--entrypoint", "sleep", EverythingImage.Name, "infinity");

        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["status"], sandbox.Environment, timeout: TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^PROFILE +MODE +STATE +UPTIME +CPU +MEM +IMAGE +OWNER\n", result.Stdout);
        Assert.Matches($@"(?m)^{profile} +run +running +\d+[smhd]\S* +[\d.]+% +[\d.]+\w+ +[0-9a-f]{{12}} +tester pid {deadPid} \(dead\)$", result.Stdout);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal); // stdout is a pipe: no colour
        Assert.All(result.Stdout.Split('\n'), line => Assert.True(line.Length <= 100, line));
    }
}
