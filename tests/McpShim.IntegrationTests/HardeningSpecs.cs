using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>The container behind a session runs with every hardening flag, as docker inspect reports it.</summary>
public sealed class HardeningSpecs
{
    [DockerFact(Timeout = 90_000)]
    public async Task I_can_see_every_hardening_flag_on_the_running_container()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("hardening", configure: p =>
            p["limits"] = new System.Text.Json.Nodes.JsonObject { ["memory"] = "256m", ["cpus"] = 0.5, ["pids"] = 128 });

        await using var session = await sandbox.ConnectAsync(profile);
        Assert.Equal("Echo: hardened", await session.EchoAsync("hardened"));

        var ids = await ShimSandbox.ContainersOfAsync(profile);
        var id = Assert.Single(ids);
        var inspect = await Docker.InspectAsync(id);
        var config = inspect.GetProperty("Config");
        var host = inspect.GetProperty("HostConfig");
        var labels = config.GetProperty("Labels");

        Assert.True(inspect.GetProperty("State").GetProperty("Running").GetBoolean());
        var user = config.GetProperty("User").GetString();
        Assert.False(string.IsNullOrEmpty(user), "the container must not run as the engine's default user (root)");
        Assert.NotEqual("0", user!.Split(':')[0]);
        Assert.NotEqual("root", user.Split(':')[0]);
        Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean(), "ReadonlyRootfs");
        Assert.Contains("ALL", Strings(host.GetProperty("CapDrop")), StringComparer.OrdinalIgnoreCase);
        Assert.Contains(Strings(host.GetProperty("SecurityOpt")), o => o.StartsWith("no-new-privileges", StringComparison.Ordinal));
        Assert.Equal(128, host.GetProperty("PidsLimit").GetInt64());
        Assert.Equal(256L * 1024 * 1024, host.GetProperty("Memory").GetInt64());
        Assert.Equal(500_000_000, host.GetProperty("NanoCpus").GetInt64());
        Assert.Equal("none", host.GetProperty("NetworkMode").GetString());
        Assert.True(host.GetProperty("Init").GetBoolean(), "Init");
        Assert.Contains("/tmp", host.GetProperty("Tmpfs").EnumerateObject().Select(p => p.Name));

        Assert.Equal("true", labels.GetProperty("io.mcpshim.managed").GetString());
        Assert.Equal(profile, labels.GetProperty("io.mcpshim.profile").GetString());
        Assert.Equal("run", labels.GetProperty("io.mcpshim.mode").GetString());
        var sessionId = labels.GetProperty("io.mcpshim.session").GetString();
        Assert.False(string.IsNullOrEmpty(sessionId));
        Assert.Equal($"/mcpshim-{profile}-{sessionId}", inspect.GetProperty("Name").GetString());
        Assert.Equal(Environment.MachineName, labels.GetProperty("io.mcpshim.owner.host").GetString());
        Assert.Equal(CurrentUid(), labels.GetProperty("io.mcpshim.owner.uid").GetString());
        var ownerPid = labels.GetProperty("io.mcpshim.owner.pid").GetString();
        Assert.Equal("mcpshim", File.ReadAllText($"/proc/{ownerPid}/comm").Trim());
    }

    private static IEnumerable<string> Strings(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(e => e.GetString() ?? "") : [];

    private static string CurrentUid() =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
}
