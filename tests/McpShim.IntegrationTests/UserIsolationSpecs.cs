using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// Seed 002: two users on one host never share a warm container. Needs root to create the second user (CI runs as
/// root); elsewhere these tests say why they did nothing.
/// </summary>
public sealed class UserIsolationSpecs
{
    private const string OtherUser = "mcpshim-it-other";

    [RootDockerFact(Timeout = 180_000)]
    public async Task A_second_user_gets_a_warm_container_of_their_own_and_cannot_be_handed_the_first_users()
    {
        Assert.True(Environment.UserName == "root", "this test creates a second OS user and needs root (.ci/run runs as root)");
        await EnsureOtherUserAsync();
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("peruser", mode: "exec");
        var forged = sandbox.AddEverythingProfile("forged", mode: "exec");
        File.SetUnixFileMode(sandbox.Folder, (UnixFileMode)0b111_101_101);

        await using (var mine = await sandbox.ConnectAsync(profile))
            await mine.EchoAsync("root's session");
        var rootContainer = Assert.Single(await Docker.ContainerIdsAsync(ShimSandbox.ManagedLabel, $"io.mcpshim.profile={profile}"));

        var theirs = await RunAsOtherAsync(sandbox, profile);
        Assert.True(theirs.Stdout.Contains("\"result\"", StringComparison.Ordinal), theirs.ToString());
        var containers = await ShimSandbox.ContainersOfAsync(profile);
        Assert.Equal(2, containers.Count);
        var otherContainer = Assert.Single(containers, id => id != rootContainer);
        var otherUid = (await ProcessRunner.RunAsync("id", ["-u", OtherUser])).Stdout.Trim();
        Assert.Equal($"/mcpshim-{profile}-{OtherUser}|{otherUid}", (await Docker.RunCheckedAsync(
            "inspect", "--format", "{{.Name}}|{{index .Config.Labels \"io.mcpshim.owner.uid\"}}", otherContainer)).Trim());

        // A container named for the other user but owned by root (planted to catch their secrets) is refused.
        await Docker.RunCheckedAsync(
            "run", "-d", "--name", $"mcpshim-{forged}-{OtherUser}", "--label", ShimSandbox.ManagedLabel,
            "--label", $"io.mcpshim.profile={forged}", "--label", "io.mcpshim.owner.uid=0",
            "--entrypoint", "sleep", EverythingImage.Name, "infinity");
        var refused = await RunAsOtherAsync(sandbox, forged);
        Assert.Contains("refusing to use the warm container", refused.Stdout + refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("belongs to uid 0", refused.Stdout + refused.Stderr, StringComparison.Ordinal);
    }

    private static async Task EnsureOtherUserAsync()
    {
        if ((await ProcessRunner.RunAsync("id", ["-u", OtherUser])).Succeeded)
            return;
        var created = await ProcessRunner.RunAsync("useradd", ["--create-home", "--groups", "docker", OtherUser]);
        Assert.True(created.Succeeded, created.ToString());
    }

    private static Task<CommandResult> RunAsOtherAsync(ShimSandbox sandbox, string profile) =>
        ProcessRunner.RunAsync(
            "runuser",
            ["-u", OtherUser, "--", "env", $"HOME=/home/{OtherUser}", ShimBinary.Path, "--config", sandbox.ConfigPath, profile],
            stdin: JsonRpcFrames.Initialize + "\n",
            timeout: TimeSpan.FromSeconds(60));
}
