using System.Globalization;
using System.Text.Json;
using McpShim.Containers;
using McpShim.Json;
using McpShim.Profiles;

namespace McpShim.Tests.Containers;

/// <summary>The Engine API's create request carries the hardening the CLI flags carry, field by field, typed.</summary>
public sealed class HardenedCreateRequestSpecs
{
    private static readonly SessionInfo Session = new("0123456789ab", "alice", "1000", "host1", 4242, "98765");

    private static readonly ResolvedProfile Profile = new()
    {
        Name = "everything",
        Source = "test",
        Mode = ProfileMode.Run,
        Image = "mcpshim/everything:latest",
        AuditPath = "/dev/null",
        Network = "bridge",
        Workdir = "/srv",
        Limits = new ResolvedLimits("256m", 0.5, 128),
        Volumes = [new ResolvedVolume("/home/alice/projects", "/workspace", true), new ResolvedVolume("data", "/data", false, Named: true)],
    };

    [Fact]
    public void The_request_and_the_CLI_flags_carry_the_same_settings()
    {
        var flags = HardeningFlags.For(Profile, Session, "n", "1000:1000", warm: false);
        var mask = ContainerMount.FileMask("/workspace/.env", "f", "fix");

        var request = HardenedCreateRequest.For(Profile, Session, "1000:1000", [new("A", "1")], [mask], ["node", "server.js"]);

        var host = request.HostConfig;
        Assert.Equal(Value(flags, "--user"), request.User);
        Assert.Equal(Value(flags, "--network"), host.NetworkMode);
        Assert.Equal(Value(flags, "--pids-limit"), host.PidsLimit.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(256L * 1024 * 1024, host.Memory);
        Assert.Equal("256m", Value(flags, "--memory"));
        Assert.Equal(500_000_000, host.NanoCpus);
        Assert.Equal("0.5", Value(flags, "--cpus"));
        Assert.Equal(Value(flags, "--tmpfs"), string.Join(':', host.Tmpfs.Single().Key, host.Tmpfs.Single().Value));
        Assert.Equal([Value(flags, "--cap-drop")], host.CapDrop);
        Assert.Equal([Value(flags, "--security-opt")], host.SecurityOpt);
        Assert.Equal(flags.Contains("--init"), host.Init);
        Assert.Equal(flags.Contains("--read-only"), host.ReadonlyRootfs);
        Assert.Equal(flags.Contains("--rm"), host.AutoRemove);
        Assert.Null(host.CapAdd);
        Assert.False(host.Privileged);
        Assert.Null(host.PidMode);
        Assert.Equal(Value(flags, "--workdir"), request.WorkingDir);
        Assert.Equal(Values(flags, "--label"), request.Labels.Select(l => $"{l.Key}={l.Value}"));
        Assert.Equal(
            Values(flags, "--mount").Append("type=bind,source=/dev/null,target=/workspace/.env,readonly"),
            host.Mounts.Select(m => $"type={m.Type},source={m.Source},target={m.Target}" + (m.ReadOnly ? ",readonly" : string.Empty)));
        Assert.Equal(["node"], request.Entrypoint!);
        Assert.Equal(["server.js"], request.Cmd!);
        Assert.Equal(["A=1"], request.Env);
        Assert.True(request.OpenStdin && request.StdinOnce && request.AttachStdin && !request.Tty);
    }

    [Fact]
    public void Without_a_command_the_image_s_entrypoint_and_command_stay()
    {
        var request = HardenedCreateRequest.For(Profile, Session, "1000:1000", [], [], null);

        Assert.Null(request.Entrypoint);
        Assert.Null(request.Cmd);
    }

    [Fact]
    public void Unsafe_allowances_reach_the_request_as_they_reach_the_flags()
    {
        var profile = Profile with { Privileged = true, PidHost = true, CapAdd = ["NET_ADMIN"], ReadOnlyRoot = false };

        var host = HardenedCreateRequest.For(profile, Session, "0:0", [], [], null).HostConfig;

        Assert.True(host.Privileged);
        Assert.Equal("host", host.PidMode);
        Assert.Equal(["NET_ADMIN"], host.CapAdd!);
        Assert.False(host.ReadonlyRootfs);
    }

    [Fact]
    public void A_path_is_one_JSON_string_whatever_it_holds()
    {
        var mask = ContainerMount.FileMask("/workspace/.env-x,type=volume,source=victim\nreadonly=false", "f", "fix");
        var request = HardenedCreateRequest.For(Profile, Session, "1000:1000", [new("SECRET", "s3cret")], [mask], null);

        var json = JsonSerializer.Serialize(request, ShimJsonContext.Default.ContainerCreateRequest);

        using var document = JsonDocument.Parse(json);
        var mounts = document.RootElement.GetProperty("HostConfig").GetProperty("Mounts");
        var last = mounts[mounts.GetArrayLength() - 1];
        Assert.Equal("/workspace/.env-x,type=volume,source=victim\nreadonly=false", last.GetProperty("Target").GetString());
        Assert.Equal("/dev/null", last.GetProperty("Source").GetString());
        Assert.Equal("bind", last.GetProperty("Type").GetString());
        Assert.True(last.GetProperty("ReadOnly").GetBoolean());
        Assert.DoesNotContain(mounts.EnumerateArray(), m => m.GetProperty("Type").GetString() == "volume" && m.GetProperty("Source").GetString() == "victim");
        Assert.Equal(268435456, document.RootElement.GetProperty("HostConfig").GetProperty("Memory").GetInt64());
    }

    private static string Value(List<string> flags, string flag) => flags[flags.IndexOf(flag) + 1];

    private static IEnumerable<string> Values(List<string> flags, string flag) =>
        flags.Select((f, i) => (f, i)).Where(p => p.f == flag).Select(p => flags[p.i + 1]);
}
