using McpShim.Containers;
using McpShim.Containers.EngineApi;
using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers.EngineApi;

public sealed class EngineApiEndpointSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void With_nothing_set_docker_is_reached_at_its_default_socket()
    {
        var (endpoint, _) = Resolve("docker", null, new() { ["HOME"] = _temp.Path });

        Assert.Equal("unix:///var/run/docker.sock", endpoint?.ToString());
    }

    [Theory]
    [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
    [InlineData("tcp://127.0.0.1:2375", "tcp://127.0.0.1:2375")]
    [InlineData("tcp://build-box", "tcp://build-box:2375")]
    [InlineData("tcp://[::1]:2380/", "tcp://::1:2380")]
    public void DOCKER_HOST_names_the_endpoint(string dockerHost, string expected)
    {
        var (endpoint, reason) = Resolve("docker", null, new() { ["DOCKER_HOST"] = dockerHost, ["DOCKER_CONTEXT"] = "ignored-as-the-cli-does" });

        Assert.Equal(expected, endpoint?.ToString());
        Assert.Equal("DOCKER_HOST", reason);
    }

    [Theory]
    [InlineData("DOCKER_TLS_VERIFY", "1")]
    [InlineData("DOCKER_CERT_PATH", "/home/alice/.docker/certs")]
    public void A_TCP_engine_with_TLS_is_left_to_the_CLI(string variable, string value)
    {
        var (endpoint, reason) = Resolve("docker", null, new() { ["DOCKER_HOST"] = "tcp://build-box:2376", [variable] = value });

        Assert.Null(endpoint);
        Assert.Contains("TLS", reason);
    }

    [Theory]
    [InlineData("ssh://alice@build-box")]
    [InlineData("npipe:////./pipe/docker_engine")]
    [InlineData("tcp://build-box:2375/some/path")]
    public void Other_kinds_of_host_are_left_to_the_CLI(string dockerHost)
    {
        Assert.Null(Resolve("docker", null, new() { ["DOCKER_HOST"] = dockerHost }).Endpoint);
    }

    [Fact]
    public void The_profiles_engine_host_wins_over_DOCKER_HOST()
    {
        var (endpoint, _) = Resolve("docker", new EngineEndpoint("tcp://10.0.0.5:2375", null), new() { ["DOCKER_HOST"] = "unix:///elsewhere.sock" });

        Assert.Equal("tcp://10.0.0.5:2375", endpoint?.ToString());
    }

    [Fact]
    public void A_profile_context_is_left_to_the_CLI_even_with_DOCKER_HOST_set()
    {
        var (endpoint, reason) = Resolve("docker", new EngineEndpoint(null, "build-box"), new() { ["DOCKER_HOST"] = "unix:///var/run/docker.sock" });

        Assert.Null(endpoint);
        Assert.Contains("build-box", reason);
    }

    [Theory]
    [InlineData("build-box", false)]
    [InlineData("default", true)]
    public void DOCKER_CONTEXT_other_than_default_is_left_to_the_CLI(string context, bool direct)
    {
        var (endpoint, _) = Resolve("docker", null, new() { ["DOCKER_CONTEXT"] = context, ["HOME"] = _temp.Path });

        Assert.Equal(direct, endpoint is not null);
    }

    [Theory]
    [InlineData("""{"auths":{},"currentContext":"desktop-linux"}""", false)]
    [InlineData("""{"auths":{},"currentContext":"default"}""", true)]
    [InlineData("""{"auths":{}}""", true)]
    [InlineData("""{"currentContext": """, false)]
    public void The_current_context_of_the_docker_config_decides_like_DOCKER_CONTEXT(string config, bool direct)
    {
        Directory.CreateDirectory(_temp.File(".docker"));
        File.WriteAllText(_temp.File(".docker/config.json"), config);

        var (endpoint, reason) = Resolve("docker", null, new() { ["HOME"] = _temp.Path });

        Assert.True(direct == endpoint is not null, reason);
    }

    [Fact]
    public void DOCKER_CONFIG_says_where_the_config_is()
    {
        File.WriteAllText(_temp.File("config.json"), """{"currentContext":"colima"}""");

        var (endpoint, reason) = Resolve("docker", null, new() { ["HOME"] = "/nonexistent", ["DOCKER_CONFIG"] = _temp.Path });

        Assert.Null(endpoint);
        Assert.Contains("colima", reason);
    }

    [Theory]
    [InlineData("podman")]
    [InlineData("/usr/bin/podman")]
    [InlineData("nerdctl")]
    [InlineData("/opt/podman/bin/docker-podman")]
    public void Engines_other_than_docker_are_left_to_their_CLI(string engine)
    {
        Assert.Null(Resolve(engine, null, new() { ["DOCKER_HOST"] = "unix:///var/run/docker.sock" }).Endpoint);
    }

    [Theory]
    [InlineData("/usr/local/bin/docker")]
    [InlineData("docker.exe")]
    public void Docker_named_by_path_is_docker(string engine)
    {
        Assert.NotNull(Resolve(engine, null, new() { ["DOCKER_HOST"] = "unix:///var/run/docker.sock" }).Endpoint);
    }

    [Theory]
    [InlineData("cli", false)]
    [InlineData("CLI", false)]
    [InlineData("api", true)]
    public void MCPSHIM_EXEC_VIA_cli_forces_the_CLI(string value, bool direct)
    {
        var (endpoint, _) = Resolve("docker", null, new() { [EngineApiEndpoint.ExecViaEnv] = value, ["DOCKER_HOST"] = "unix:///var/run/docker.sock" });

        Assert.Equal(direct, endpoint is not null);
    }

    [Fact]
    public void Where_the_default_endpoint_is_no_Unix_socket_it_is_left_to_the_CLI()
    {
        var host = new FakeHostEnvironment(new Dictionary<string, string> { ["USERPROFILE"] = _temp.Path });
        var windows = new WindowsEngineSearchPaths(host, new WindowsFolders(host));

        Assert.Null(EngineApiEndpoint.Resolve("docker", null, host, windows.DefaultDockerSocket).Endpoint);
    }

    private static (EngineApiEndpoint? Endpoint, string Reason) Resolve(string engine, EngineEndpoint? profile, Dictionary<string, string> variables) =>
        EngineApiEndpoint.Resolve(engine, profile, new FakeHostEnvironment(variables) { SeesRealFiles = true }, "/var/run/docker.sock");
}
