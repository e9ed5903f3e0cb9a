using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Profiles;

/// <summary>
/// Issue 14: every profile field that reaches the engine has a grammar, and a value outside it is refused when the
/// profile is read (so <c>mcpshim show</c> says it too), naming the file, the JSON path and the fix.
/// </summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class FieldGrammarSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public FieldGrammarSpecs() => Directory.CreateDirectory(_temp.File("project"));

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("\"volumes\": [{\"host\": \"project\", \"container\": \"/w,source=/etc\"}]", ".volumes[0].container", "holds a ',' or '\"'")]
    [InlineData("\"volumes\": [{\"host\": \"project\", \"container\": \"/w\\n\"}]", ".volumes[0].container", "'/w\\n' holds a control character")]
    [InlineData("\"volumes\": [{\"host\": \"project\", \"container\": \"/w/../etc\"}]", ".volumes[0].container", "holds a '..' segment")]
    [InlineData("\"volumes\": [{\"host\": \"project\", \"container\": \"//\"}]", ".volumes[0].container", "is the container's root '/'")]
    [InlineData("\"volumes\": [{\"host\": \"project\", \"container\": \"w\"}]", ".volumes[0].container", "must be an absolute path")]
    [InlineData("\"volumes\": [{\"volume\": \"data\\n\", \"container\": \"/d\"}]", ".volumes[0].volume", "is not a volume name")]
    [InlineData("\"volumes\": [{\"host\": \"project\\nx\", \"container\": \"/w\"}]", ".volumes[0].host", "holds a control character")]
    [InlineData("\"workdir\": \"/w\\tx\"", ".workdir", "holds a control character")]
    [InlineData("\"workdir\": \"tmp\"", ".workdir", "must be an absolute path")]
    [InlineData("\"user\": \"node\"", ".user", "'node' is not a numeric user")]
    [InlineData("\"user\": \"1000\\n\"", ".user", "'1000\\n' is not a numeric user")]
    [InlineData("\"network\": \"container:x\"", ".network", "another container's network ('container:x') is refused unless the profile lists \"network-container\"")]
    [InlineData("\"network\": \"ns:/proc/1/ns/net\"", ".network", "a network namespace of the host ('ns:/proc/1/ns/net') is refused unless the profile lists \"network-ns\"")]
    [InlineData("\"network\": \"HOST\"", ".network", "the host's network (--network host) is refused unless the profile lists \"network-host\"")]
    [InlineData("\"network\": \"slirp4netns:port_handler=slirp4netns\"", ".network", "is not a network mcpshim can use")]
    [InlineData("\"network\": \"name=x,alias=y\"", ".network", "is not a network mcpshim can use")]
    [InlineData("\"network\": \"none\\n\"", ".network", "'none\\n' is not a network mcpshim can use")]
    [InlineData("\"limits\": {\"memory\": \"0\"}", ".limits.memory", "'0' is not a limit (the engine would read 0 as no limit at all)")]
    [InlineData("\"limits\": {\"memory\": \"0m\"}", ".limits.memory", "'0m' is not a limit")]
    [InlineData("\"limits\": {\"memory\": \"5m\"}", ".limits.memory", "under the engine's minimum of 6 MiB")]
    [InlineData("\"limits\": {\"memory\": \"6291455\"}", ".limits.memory", "under the engine's minimum of 6 MiB")]
    [InlineData("\"limits\": {\"memory\": \"-1\"}", ".limits.memory", "is not a size")]
    [InlineData("\"limits\": {\"memory\": \"512m\\n\"}", ".limits.memory", "'512m\\n' is not a size")]
    [InlineData("\"limits\": {\"cpus\": 0.001}", ".limits.cpus", "must be a positive number of CPUs from 0.01")]
    [InlineData("\"limits\": {\"cpus\": -1}", ".limits.cpus", "must be a positive number of CPUs from 0.01")]
    [InlineData("\"limits\": {\"cpus\": 100000}", ".limits.cpus", "must be a positive number of CPUs from 0.01")]
    [InlineData("\"limits\": {\"pids\": 0}", ".limits.pids", "must be a positive number of processes")]
    [InlineData("\"env\": {\"A=B\": \"x\"}", ".env.A=B", "is not a valid environment variable name")]
    [InlineData("\"env\": {\"A\\n\": \"x\"}", ".env.A\n", "is not a valid environment variable name")]
    [InlineData("\"secrets\": [\"TOKEN\\n\"]", ".secrets[0]", "needs a name that is a valid environment variable name")]
    [InlineData("\"secrets\": [\"A=B\"]", ".secrets[0]", "needs a name that is a valid environment variable name")]
    public void A_value_outside_its_field_s_grammar_is_refused_with_the_file_the_path_and_the_fix(string body, string path, string problem)
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve(body));

        Assert.StartsWith($"{_temp.File("profiles.json")}: $.profiles.p{path}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--privileged")]
    [InlineData("Alpine:1")]
    [InlineData("img:tag\n")]
    public void An_image_outside_the_reference_grammar_is_refused(string image)
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve(string.Empty, image));

        Assert.Contains("$.profiles.p.image: '", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not an image reference", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("+0")]
    [InlineData("0:0")]
    [InlineData("0:1000")]
    [InlineData("000")]
    [InlineData("root")]
    public void Uid_0_in_any_spelling_needs_unsafe_root_and_is_warned(string user)
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve($"\"user\": \"{user}\""));
        Assert.Contains("$.profiles.p.user: uid 0 (root) in the container", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lists \"root\" under \"unsafe\"", ex.Message, StringComparison.Ordinal);

        var allowed = Resolve($"\"user\": \"{user}\", \"unsafe\": [\"root\"]");

        Assert.StartsWith("0:", allowed.User, StringComparison.Ordinal);
        Assert.Contains("uid 0 (root)", Assert.Single(allowed.UnsafeWarnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("container:other-box", "network-container")]
    [InlineData("ns:/run/netns/vpn", "network-ns")]
    [InlineData("host", "network-host")]
    public void Sharing_another_network_namespace_is_allowed_by_its_own_unsafe_word(string network, string word)
    {
        var profile = Resolve($"\"network\": \"{network}\", \"unsafe\": [\"{word}\"]");

        Assert.Equal(network, profile.Network);
        Assert.Single(profile.UnsafeWarnings);
    }

    [Fact]
    public void Values_inside_the_grammars_are_normalised()
    {
        var profile = Resolve("""
            "user": "+01000", "network": "my-net.1", "workdir": "/srv//app/./", "limits": {"memory": "6m", "cpus": 0.01, "pids": 1},
            "volumes": [{"host": "project", "container": "/w//x/./"}, {"volume": "cache", "container": "/c/"}]
            """);

        Assert.Equal("1000:1000", profile.User);
        Assert.Equal("my-net.1", profile.Network);
        Assert.Equal("/srv/app", profile.Workdir);
        Assert.Equal(["/w/x", "/c"], profile.Volumes.Select(v => v.Container));
        Assert.Equal(6L * 1024 * 1024, profile.Limits.MemoryBytes);
        Assert.Equal(10_000_000, profile.Limits.NanoCpus);
        Assert.Empty(profile.UnsafeWarnings);
    }

    [Theory]
    [InlineData("512m", 512L * 1024 * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("1.5G", 1536L * 1024 * 1024)]
    [InlineData("6291456", 6291456L)]
    [InlineData("6144k", 6L * 1024 * 1024)]
    [InlineData("6291456b", 6291456L)]
    public void Memory_sizes_are_read_as_the_engine_reads_them(string text, long bytes)
    {
        Assert.Equal(bytes, MemorySize.Parse(text, out _));
    }

    [Fact]
    public void A_cpu_limit_above_this_machine_s_count_is_refused_unless_the_engine_is_remote()
    {
        var cpus = Environment.ProcessorCount + 1;

        var ex = Assert.Throws<ConfigException>(() => Resolve($"\"limits\": {{\"cpus\": {cpus}}}"));

        Assert.Contains($"asks for {cpus} CPUs, but this machine has {Environment.ProcessorCount}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(cpus, Resolve($"\"limits\": {{\"cpus\": {cpus}}}, \"engine\": {{\"name\": \"docker\", \"host\": \"tcp://big-box:2375\"}}").Limits.Cpus);
    }

    private ResolvedProfile Resolve(string body, string image = "img:1")
    {
        var file = _temp.File("profiles.json");
        var profile = body.Length == 0 ? $"\"image\": {Json(image)}" : $"\"image\": {Json(image)}, {body}";
        File.WriteAllText(file, $"{{\"allowedRoots\": [\".\"], \"profiles\": {{\"p\": {{{profile}}}}}}}");
        return ProfileResolver.Resolve(ProfileCatalog.Load(file), "p");
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, TestJson.Default.String);
}
