using McpShim.Containers;
using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

public sealed class EngineEndpointSpecs
{
    private static readonly Dictionary<string, string> ClientEnvironment = new()
    {
        ["PATH"] = "/usr/bin",
        ["DOCKER_HOST"] = "unix:///run/user/1000/docker.sock",
        ["DOCKER_CONTEXT"] = "desktop-linux",
    };

    private static readonly ShimPlatform Host = FakePlatform.With(new FakeHostEnvironment(ClientEnvironment, ["/usr/bin/docker"]));

    [Fact]
    public void A_profiles_host_replaces_the_users_docker_host_and_context_in_every_engine_call()
    {
        var cli = new EngineCli("/usr/bin/docker", Host, new EngineEndpoint("tcp://build-box:2375", null));

        var env = cli.EnvironmentWith([new("SERVER_TOKEN", "value")]);

        Assert.Equal("tcp://build-box:2375", env["DOCKER_HOST"]);
        Assert.DoesNotContain("DOCKER_CONTEXT", env.Keys);
        Assert.Equal("value", env["SERVER_TOKEN"]);
    }

    [Fact]
    public void A_profiles_context_wins_over_the_users_docker_host()
    {
        var cli = new EngineCli("/usr/bin/docker", Host, new EngineEndpoint(null, "build-box"));

        var env = cli.EnvironmentWith([]);

        Assert.Equal("build-box", env["DOCKER_CONTEXT"]);
        Assert.DoesNotContain("DOCKER_HOST", env.Keys);
    }

    [Fact]
    public void Podman_gets_its_own_variables()
    {
        var env = new Dictionary<string, string>();
        new EngineEndpoint("ssh://me@box/run/podman/podman.sock", null).ApplyTo(env, "/usr/bin/podman");
        new EngineEndpoint(null, "box").ApplyTo(env, "/usr/bin/podman");

        Assert.Equal("box", env["CONTAINER_CONNECTION"]);
        Assert.DoesNotContain("CONTAINER_HOST", env.Keys);
    }

    [Fact]
    public void Without_an_endpoint_the_users_own_engine_settings_pass_unchanged()
    {
        var env = new EngineCli("/usr/bin/docker", Host).EnvironmentWith([]);

        Assert.Equal("unix:///run/user/1000/docker.sock", env["DOCKER_HOST"]);
        Assert.Equal("desktop-linux", env["DOCKER_CONTEXT"]);
    }
}
