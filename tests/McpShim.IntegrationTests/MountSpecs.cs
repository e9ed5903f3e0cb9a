using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>What a server can see of the host: the project, minus what .mcpignore hides, and nothing sensitive.</summary>
public sealed class MountSpecs
{
    [DockerFact(Timeout = 120_000)]
    public async Task Files_listed_in_mcpignore_cannot_be_read_inside_the_container()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var project = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "project")).FullName;
        File.WriteAllText(Path.Combine(project, ".mcpignore"), ".env\nkeys/\n");
        File.WriteAllText(Path.Combine(project, ".env"), "API_KEY=do-not-leak");
        File.WriteAllText(Path.Combine(project, "readme.md"), "hello from the project");
        Directory.CreateDirectory(Path.Combine(project, "keys"));
        File.WriteAllText(Path.Combine(project, "keys", "id_rsa"), "PRIVATE KEY");
        sandbox.SetTopLevel("allowedRoots", new JsonArray(sandbox.Folder));
        var profile = sandbox.AddEverythingProfile("ignore", configure: p =>
            p["volumes"] = new JsonArray(new JsonObject { ["host"] = project, ["container"] = "/workspace" }));

        await using var session = await sandbox.ConnectAsync(profile);
        var container = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));

        Assert.Equal("hello from the project", await Docker.RunCheckedAsync("exec", container, "cat", "/workspace/readme.md"));
        Assert.Equal(string.Empty, (await Docker.RunAsync("exec", container, "cat", "/workspace/.env")).Stdout);
        var key = await Docker.RunAsync("exec", container, "cat", "/workspace/keys/id_rsa");
        Assert.False(key.Succeeded && key.Stdout.Contains("PRIVATE", StringComparison.Ordinal), key.ToString());
        var write = await Docker.RunAsync("exec", container, "sh", "-c", "echo x > /workspace/new.txt");
        Assert.False(write.Succeeded, "the mount is read-only by default: " + write);
    }

    [DockerFact(Timeout = 60_000)]
    public async Task Mounting_the_docker_socket_or_escaping_through_a_symlink_fails_initialize_with_the_reason()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var project = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "project")).FullName;
        File.CreateSymbolicLink(Path.Combine(project, "etc-link"), "/etc");
        sandbox.SetTopLevel("allowedRoots", new JsonArray(sandbox.Folder, "/var/run", "/run"));
        var socket = sandbox.AddEverythingProfile("sock", configure: p =>
            p["volumes"] = new JsonArray(new JsonObject { ["host"] = "/var/run/docker.sock", ["container"] = "/var/run/docker.sock" }));
        var escape = sandbox.AddEverythingProfile("escape", configure: p =>
            p["volumes"] = new JsonArray(new JsonObject { ["host"] = Path.Combine(project, "etc-link"), ["container"] = "/w" }));

        var socketError = await Assert.ThrowsAnyAsync<Exception>(() => sandbox.ConnectAsync(socket));
        var escapeError = await Assert.ThrowsAnyAsync<Exception>(() => sandbox.ConnectAsync(escape));

        Assert.Contains("docker.sock", socketError.ToString(), StringComparison.Ordinal);
        Assert.Contains("never mounts by default", socketError.ToString(), StringComparison.Ordinal);
        Assert.Contains("(really '/etc')", escapeError.ToString(), StringComparison.Ordinal);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(socket));
        Assert.Empty(await ShimSandbox.ContainersOfAsync(escape));
    }
}
