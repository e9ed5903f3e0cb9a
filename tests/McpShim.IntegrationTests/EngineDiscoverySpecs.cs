using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// A GUI client starts mcpshim with a bare environment: the engine is still found, and nothing of the client's
/// environment beyond what the engine needs reaches the engine CLI or the container.
/// </summary>
public sealed class EngineDiscoverySpecs
{
    private const string GetEnv = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get-env","arguments":{}}}""";

    [DockerFact(Timeout = 120_000)]
    public async Task With_a_bare_PATH_the_engine_is_found_in_a_well_known_folder_and_a_planted_key_reaches_nothing()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var home = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "home")).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(home, ".docker", "bin")).FullName;
        var realDocker = (await ProcessRunner.RunAsync("sh", ["-c", "command -v docker"])).Stdout.Trim();
        // An engine that exists only in ~/.docker/bin (a Docker Desktop install place), recording its environment.
        var wrapper = Path.Combine(bin, "mcpshim-it-engine");
        File.WriteAllText(wrapper, $"#!/bin/sh\nenv > \"{bin}/env-$$.txt\"\nexec {realDocker} \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        var profile = sandbox.AddEverythingProfile("bare", configure: p => p["engine"] = "mcpshim-it-engine");

        var result = await ProcessRunner.RunAsync(
            "env",
            ["-i", "PATH=/usr/bin:/bin", $"HOME={home}", $"MCPSHIM_CONFIG={sandbox.ConfigPath}", $"MCPSHIM_AUDIT_FILE={sandbox.Audit.Path}",
             "AWS_SECRET_ACCESS_KEY=planted-aws-key", ShimBinary.Path, profile],
            stdin: string.Join('\n', JsonRpcFrames.Initialize, JsonRpcFrames.Initialized, GetEnv) + "\n",
            timeout: TimeSpan.FromSeconds(60));

        Assert.True(result.Stdout.Contains("\"id\":2", StringComparison.Ordinal), result.ToString());
        Assert.Contains("HOSTNAME", result.Stdout, StringComparison.Ordinal); // get-env answered: the engine was found
        Assert.DoesNotContain("planted-aws-key", result.Stdout, StringComparison.Ordinal);
        var engineEnvironments = Directory.GetFiles(bin, "env-*.txt").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(engineEnvironments);
        Assert.All(engineEnvironments, env => Assert.DoesNotContain("planted-aws-key", env, StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task With_no_engine_anywhere_initialize_fails_listing_every_place_tried()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var profile = sandbox.AddEverythingProfile("noengine", configure: p => p["engine"] = "no-such-engine-cli");

        var result = await ProcessRunner.RunAsync(
            "env",
            ["-i", "PATH=/usr/bin:/bin", $"HOME={sandbox.Folder}", $"MCPSHIM_CONFIG={sandbox.ConfigPath}", $"MCPSHIM_AUDIT_FILE={sandbox.Audit.Path}", ShimBinary.Path, profile],
            stdin: JsonRpcFrames.Initialize + "\n",
            timeout: TimeSpan.FromSeconds(20));

        Assert.Equal(69, result.ExitCode);
        foreach (var place in new[] { "/usr/bin/no-such-engine-cli", "/bin/no-such-engine-cli", "/usr/local/bin/no-such-engine-cli", $"{sandbox.Folder}/.docker/bin/no-such-engine-cli", "/snap/bin/no-such-engine-cli" })
            Assert.Contains(place, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("absolute path as \\\"engine\\\" in the profile", result.Stdout, StringComparison.Ordinal);
    }
}
