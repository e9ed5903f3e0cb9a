using System.Text.Json;
using McpShim.Containers;
using McpShim.Json;
using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Profiles;

/// <summary>
/// Issue 19: a profile's <c>runtime</c> (runsc for gVisor) reaches the engine as the container's runtime, on the CLI
/// fallback and in the Engine API's typed request alike; the file's <c>criticalRuntime</c> makes critical-risk
/// profiles run under it.
/// </summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class RuntimeKeySpecs : IDisposable
{
    private static readonly SessionInfo Session = new("0123456789ab", "alice", "1000", "host1", 4242, "98765");

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void I_can_run_a_profile_under_runsc_and_the_engine_is_asked_for_it_both_ways()
    {
        var profile = Resolve("\"runtime\": \"runsc\"");

        var flags = HardeningFlags.For(profile, Session, "n", "1000:1000", warm: false);
        var request = HardenedCreateRequest.For(profile, Session, "1000:1000", [], [], null);

        Assert.Equal("runsc", profile.Runtime);
        Assert.Equal("runsc", flags[flags.IndexOf("--runtime") + 1]);
        Assert.Equal("runsc", request.HostConfig.Runtime);
        Assert.Contains("\"Runtime\": \"runsc\"", JsonSerializer.Serialize(request, ShimJsonContext.Default.ContainerCreateRequest), StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_a_runtime_leaves_it_to_the_engine()
    {
        var profile = Resolve(string.Empty);

        Assert.Null(profile.Runtime);
        Assert.DoesNotContain("--runtime", HardeningFlags.For(profile, Session, "n", "1000:1000", warm: false));
        Assert.DoesNotContain("\"Runtime\"", JsonSerializer.Serialize(HardenedCreateRequest.For(profile, Session, "1000:1000", [], [], null), ShimJsonContext.Default.ContainerCreateRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--privileged")]
    [InlineData("runsc,x")]
    [InlineData("runsc=x")]
    [InlineData("runsc\\n")]
    [InlineData("")]
    [InlineData("run sc")]
    public void A_runtime_outside_the_name_grammar_is_refused_with_the_path_and_the_fix(string runtime)
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve($"\"runtime\": \"{runtime}\""));

        Assert.StartsWith($"{_temp.File("profiles.json")}: $.profiles.p.runtime: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not a runtime name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. \"runsc\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runsc,x", "a ','")]
    [InlineData("runsc=x", "a '='")]
    [InlineData("runsc\n", "a newline")]
    public void A_runtime_the_CLI_could_misread_stops_the_session_on_the_CLI_path_naming_the_field(string runtime, string what)
    {
        // A profile read from a file never gets here (the grammar refuses it first): this is the CLI's own backstop.
        var profile = Resolve(string.Empty) with { Runtime = runtime };

        var ex = Assert.Throws<StartupException>(() => HardeningFlags.For(profile, Session, "n", "1000:1000", warm: true));

        Assert.Contains("$.profiles.p.runtime: '", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"cannot be passed safely to the engine CLI's --runtime: it holds {what}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_profile_with_a_runtime_is_refused()
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve("\"mode\": \"local\", \"command\": [\"/bin/true\"], \"runtime\": \"runsc\""));

        Assert.Contains("$.profiles.p.runtime: mode 'local' runs no container", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_critical_profile_runs_under_the_file_s_critical_runtime_when_it_names_none()
    {
        var critical = Resolve("\"risk\": \"critical\"", "\"criticalRuntime\": \"runsc\", ");
        var low = Resolve(string.Empty, "\"criticalRuntime\": \"runsc\", ");

        Assert.Equal("runsc", critical.Runtime);
        Assert.Null(low.Runtime);
        Assert.Empty(critical.UnsafeWarnings);
    }

    [Fact]
    public void A_critical_profile_under_another_runtime_than_the_critical_one_needs_unsafe_critical_runtime()
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve("\"risk\": \"critical\", \"runtime\": \"runc\"", "\"criticalRuntime\": \"runsc\", "));
        var allowed = Resolve("\"risk\": \"critical\", \"runtime\": \"runc\", \"unsafe\": [\"critical-runtime\"]", "\"criticalRuntime\": \"runsc\", ");

        Assert.Contains("$.profiles.p.runtime: a critical-risk profile runs under 'runsc' (the file's \"criticalRuntime\"), not 'runc'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"critical-runtime\" under \"unsafe\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal("runc", allowed.Runtime);
        Assert.Contains(allowed.UnsafeWarnings, w => w.Contains("under 'runc', not 'runsc'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_critical_runtime_outside_the_name_grammar_is_refused_at_its_own_path()
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve(string.Empty, "\"criticalRuntime\": \"runsc --debug\", "));

        Assert.StartsWith($"{_temp.File("profiles.json")}: $.criticalRuntime: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_prints_the_runtime_and_where_it_came_from()
    {
        Assert.Equal(("runsc", "profiles file"), ShownRuntime("\"runtime\": \"runsc\"", string.Empty));
        Assert.Equal(("runsc", "criticalRuntime"), ShownRuntime("\"risk\": \"critical\"", "\"criticalRuntime\": \"runsc\", "));
        Assert.Equal(("the engine's default (usually runc)", "default"), ShownRuntime(string.Empty, string.Empty));
    }

    private (string Value, string Origin) ShownRuntime(string body, string topLevel)
    {
        var profile = Resolve(body, topLevel);
        var catalog = ProfileCatalog.Load(_temp.File("profiles.json"));
        var setting = Assert.Single(McpShim.Inspection.SettingOrigins.Describe(catalog, catalog.Get("p"), profile, null, null, "1000:1000"), s => s.Key == "runtime");
        return (setting.Value, setting.Origin);
    }

    private ResolvedProfile Resolve(string body, string topLevel = "")
    {
        var file = _temp.File("profiles.json");
        var profile = body.Length == 0 ? "\"image\": \"img:1\"" : $"\"image\": \"img:1\", {body}";
        File.WriteAllText(file, $"{{{topLevel}\"profiles\": {{\"p\": {{{profile}}}}}}}");
        return ProfileResolver.Resolve(ProfileCatalog.Load(file), "p");
    }
}
