using McpShim.Containers;
using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

public sealed class EngineEnvironmentSpecs
{
    private static readonly Dictionary<string, string> ClientEnvironment = new()
    {
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = "/home/ada",
        ["USER"] = "ada",
        ["DOCKER_HOST"] = "unix:///run/user/1000/docker.sock",
        ["XDG_RUNTIME_DIR"] = "/run/user/1000",
        ["AWS_SECRET_ACCESS_KEY"] = "planted",
        ["GITHUB_TOKEN"] = "planted",
        ["OPENAI_API_KEY"] = "planted",
        ["ELECTRON_RUN_AS_NODE"] = "1",
    };

    [Fact]
    public void The_engine_CLI_gets_only_what_it_needs_and_the_profiles_variables_by_name()
    {
        var host = new FakeHostEnvironment(ClientEnvironment);

        var env = EngineEnvironment.Build(host, PathSyntax.Unix, "/usr/local/bin/docker", [new("SERVER_TOKEN", "value")]);

        Snapshot.Match(string.Join('\n', env.Keys.Order(StringComparer.Ordinal).Select(k => $"{k}={env[k]}")) + "\n", "linux");
        Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", env.Keys);
    }

    [Fact]
    public void Container_variables_the_CLI_reads_itself_go_literally_and_never_into_the_CLIs_environment()
    {
        var (flags, viaCli) = HardeningFlags.EnvironmentFlags([new("HOME", "/tmp"), new("TOKEN", "s3cret")]);

        Assert.Equal(["-e", "HOME=/tmp", "-e", "TOKEN"], flags);
        Assert.Equal([new KeyValuePair<string, string>("TOKEN", "s3cret")], viaCli);
    }
}
