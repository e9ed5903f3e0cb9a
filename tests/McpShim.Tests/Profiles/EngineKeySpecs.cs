using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Profiles;

/// <summary><c>engine</c> as a name, or as an object naming a remote engine (issue 6).</summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class EngineKeySpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_plain_string_form_keeps_working()
    {
        var profile = Resolve("""{"image":"img:1","engine":"podman"}""");

        Assert.Equal("podman", profile.Engine);
        Assert.Null(profile.EngineEndpoint);
    }

    [Fact]
    public void I_can_name_a_remote_engine_by_host_or_by_context()
    {
        var byHost = Resolve("""{"image":"img:1","engine":{"name":"docker","host":"tcp://build-box:2375"}}""");
        var byContext = Resolve("""{"image":"img:1","engine":{"context":"build-box"}}""");

        Assert.Equal(("docker", "tcp://build-box:2375", (string?)null), (byHost.Engine, byHost.EngineEndpoint!.Host, byHost.EngineEndpoint.Context));
        Assert.Equal(("docker", (string?)null, "build-box"), (byContext.Engine, byContext.EngineEndpoint!.Host, byContext.EngineEndpoint.Context));
    }

    [Theory]
    [InlineData("""{"name":"docker","host":"tcp://a:1","context":"b"}""", "$.profiles.p.engine", "not both")]
    [InlineData("""{"host":"build-box:2375"}""", "$.profiles.p.engine.host", "tcp://build-box:2375")]
    [InlineData("""{"context":"has space"}""", "$.profiles.p.engine.context", "docker context ls")]
    [InlineData("""{"hots":"tcp://a:1"}""", "$.profiles.p.engine", "known keys: name, host, context")]
    [InlineData("""42""", "$.profiles.p.engine", "an engine is a name")]
    public void A_wrong_engine_is_refused_with_its_path_and_the_fix(string engineJson, string path, string message)
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve("{\"image\":\"img:1\",\"engine\":" + engineJson + "}"));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    private ResolvedProfile Resolve(string profileJson)
    {
        var file = _temp.File("profiles.json");
        File.WriteAllText(file, "{\"profiles\":{\"p\":" + profileJson + "}}");
        return ProfileResolver.Resolve(ProfileCatalog.Load(file), "p");
    }
}
