using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// A profile's <c>engine</c> may name a remote engine (issue 6): <c>{"name": "docker", "host": "tcp://..."}</c>. Tested
/// against dockerd's loopback listener, with the shim's own DOCKER_HOST pointing nowhere, so only the profile's
/// host can have worked.
/// </summary>
public sealed class RemoteEngineSpecs
{
    [LoopbackEngineFact(Timeout = 180_000)]
    public async Task I_can_run_a_profile_on_the_engine_its_host_names()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("remote", configure: p =>
            p["engine"] = new JsonObject { ["name"] = "docker", ["host"] = LoopbackEngineFactAttribute.Host });
        var environment = new Dictionary<string, string?>(sandbox.Environment)
        {
            ["DOCKER_HOST"] = "unix:///nonexistent/mcpshim-test.sock",
            ["XDG_STATE_HOME"] = Path.Combine(sandbox.Folder, "state"),
        };

        await using (var session = await ShimSession.ConnectAsync(profile, environment))
        {
            Assert.Equal("Echo: far away", await session.EchoAsync("far away"));
            var status = await ProcessRunner.RunAsync(ShimBinary.Path, ["status"], environment, timeout: TimeSpan.FromSeconds(60));
            Assert.Contains(profile, status.Stdout, StringComparison.Ordinal);
            Assert.Contains($"engine {LoopbackEngineFactAttribute.Host}", status.Stdout, StringComparison.Ordinal);
        }

        var show = await ProcessRunner.RunAsync(ShimBinary.Path, ["show", profile], environment, timeout: TimeSpan.FromSeconds(60));
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(LoopbackEngineFactAttribute.Host, show.Stdout, StringComparison.Ordinal);
        Assert.Contains("uid", show.Stdout, StringComparison.Ordinal); // the image was inspected on the remote engine
        Assert.DoesNotContain("could not be inspected", show.Stdout, StringComparison.Ordinal);
    }

    [LoopbackEngineFact(Timeout = 120_000)]
    public async Task A_profile_whose_engine_host_does_not_answer_fails_naming_that_host()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("remote-down", configure: p =>
            p["engine"] = new JsonObject { ["name"] = "docker", ["host"] = "tcp://127.0.0.1:9" });

        var result = await ProcessRunner.RunAsync(
            ShimBinary.Path, [profile], sandbox.Environment, stdin: JsonRpcFrames.Initialize + "\n", timeout: TimeSpan.FromSeconds(90));

        Assert.Contains("tcp://127.0.0.1:9", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [LoopbackEngineFact(Timeout = 120_000)]
    public async Task Doctor_checks_a_remote_engine_and_the_image_there_and_warns_about_bind_mounts()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        Directory.CreateDirectory(Path.Combine(sandbox.Folder, "project"));
        sandbox.SetTopLevel("allowedRoots", new JsonArray(sandbox.Folder));
        var profile = sandbox.AddEverythingProfile("remote-doctor", configure: p =>
        {
            p["engine"] = new JsonObject { ["name"] = "docker", ["host"] = LoopbackEngineFactAttribute.Host };
            p["volumes"] = new JsonArray(new JsonObject { ["host"] = Path.Combine(sandbox.Folder, "project"), ["container"] = "/w" });
        });

        var doctor = await ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], sandbox.Environment, timeout: TimeSpan.FromSeconds(90));

        Assert.Contains($"engine ({LoopbackEngineFactAttribute.Host})", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"answers, for {profile}", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{EverythingImage.Name} (on {LoopbackEngineFactAttribute.Host}) present", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("paths on that machine, not this one", doctor.Stdout, StringComparison.Ordinal);
    }
}
