using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Profiles;

[Collection(EnvironmentDependentTests.Name)]
public sealed class ProfileResolverSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_minimal_profile_gets_the_hardened_defaults()
    {
        var profile = Resolve("""{"profiles":{"p":{"image":"img:1"}}}""", "p");

        Assert.Equal(ProfileMode.Run, profile.Mode);
        Assert.Equal("none", profile.Network);
        Assert.Equal(new ResolvedLimits("512m", 1.0, 256), profile.Limits);
        Assert.Equal("docker", profile.Engine);
        Assert.Equal(TimeSpan.FromSeconds(2), profile.Grace);
        Assert.True(profile.MaxFrameBytes >= 64L << 20);
        Assert.Equal(McpShim.Audit.ArgumentsMode.Keys, profile.AuditArguments);
        Assert.Null(profile.Command);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_profiles_file_and_mounts_to_their_real_path()
    {
        Directory.CreateDirectory(_temp.File("data"));
        Directory.CreateDirectory(_temp.File("src"));
        File.CreateSymbolicLink(_temp.File("link-to-src"), _temp.File("src"));
        var real = McpShim.Platform.RealPath.Of(_temp.Path)!;

        var profile = Resolve("""
            {"allowedRoots": ["."],
             "profiles":{"p":{"mode":"local","command":["./bin/server","--flag"]},
                         "c":{"image":"i","volumes":[{"host":"link-to-src","container":"/w"},{"host":"data","container":"/d","readOnly":false}]}}}
            """, "p");
        var container = ProfileResolver.Resolve(ProfileCatalog.Load(_temp.File("profiles.json")), "c");

        Assert.Equal([Path.Combine(_temp.Path, "bin", "server"), "--flag"], profile.Command!);
        Assert.Equal(new ResolvedVolume(Path.Combine(real, "src"), "/w", true), container.Volumes[0]);
        Assert.Equal(new ResolvedVolume(Path.Combine(real, "data"), "/d", false), container.Volumes[1]);
    }

    [Theory]
    [InlineData("~", true)]
    [InlineData("~/projects/x", true)]
    [InlineData("rel/path", false)]
    public void Tilde_expands_to_the_home_folder(string path, bool underHome)
    {
        var expanded = PathExpander.Expand(path, _temp.Path);

        Assert.Equal(underHome, expanded.StartsWith(ConfigPaths.Home, StringComparison.Ordinal));
        Assert.True(Path.IsPathRooted(expanded));
    }

    [Fact]
    public void A_named_volume_keeps_its_name_and_defaults_to_read_only()
    {
        var profile = Resolve("""{"profiles":{"p":{"image":"i","volumes":[{"volume":"mcpshim-memory","container":"/data","readOnly":false},{"volume":"cache","container":"/c"}]}}}""", "p");

        Assert.Equal(new ResolvedVolume("mcpshim-memory", "/data", false, Named: true), profile.Volumes[0]);
        Assert.True(profile.Volumes[1].ReadOnly);
    }

    [Fact]
    public void A_bare_command_name_is_left_for_PATH_lookup()
    {
        Assert.Equal(["npx", "-y", "x"], Resolve("""{"profiles":{"p":{"mode":"local","command":["npx","-y","x"]}}}""", "p").Command!);
    }

    [Theory]
    [InlineData("""{"profiles":{"p":{"mode":"run"}}}""", "$.profiles.p.image: mode 'run' needs an image")]
    [InlineData("""{"profiles":{"p":{"mode":"local"}}}""", "$.profiles.p.command: mode 'local' runs a command on the host")]
    [InlineData("""{"profiles":{"p":{"image":"i","volumes":[{"host":"/x","container":"rel"}]}}}""", "$.profiles.p.volumes[0].container: must be an absolute path")]
    [InlineData("""{"profiles":{"p":{"image":"i","volumes":[{"container":"/x"}]}}}""", "$.profiles.p.volumes[0]: needs either \"host\"")]
    [InlineData("""{"profiles":{"p":{"image":"i","volumes":[{"host":"/h","volume":"v","container":"/x"}]}}}""", "$.profiles.p.volumes[0]: needs either \"host\"")]
    [InlineData("""{"profiles":{"p":{"image":"i","volumes":[{"volume":"a/b","container":"/x"}]}}}""", "$.profiles.p.volumes[0].volume: is not a volume name")]
    [InlineData("""{"profiles":{"p":{"image":"i","limits":{"memory":"lots"}}}}""", "$.profiles.p.limits.memory: 'lots' is not a size")]
    [InlineData("""{"profiles":{"p":{"image":"i","limits":{"cpus":0}}}}""", "$.profiles.p.limits.cpus: must be a positive number")]
    [InlineData("""{"profiles":{"p":{"image":"i","env":{"BAD-NAME":"x"}}}}""", "$.profiles.p.env.BAD-NAME: is not a valid environment variable name")]
    [InlineData("""{"profiles":{"P Q":{"image":"i"}}}""", "$.profiles.P Q: profile names use lowercase letters")]
    public void Semantic_mistakes_name_the_file_and_path(string json, string expected)
    {
        var name = json.Contains("P Q", StringComparison.Ordinal) ? "P Q" : "p";

        var ex = Assert.Throws<ConfigException>(() => Resolve(json, name));

        Assert.StartsWith(_temp.File("profiles.json") + ": " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_profile_lists_the_known_ones()
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve("""{"profiles":{"alpha":{"image":"i"}}}""", "beta"));

        Assert.Contains("profile 'beta' not found in " + _temp.File("profiles.json"), ex.Message, StringComparison.Ordinal);
        Assert.Matches("\\(known: alpha, .*everything.*\\)", ex.Message);
    }

    [Fact]
    public void A_user_profile_replaces_the_built_in_one_of_the_same_name()
    {
        var profile = Resolve("""{"profiles":{"everything":{"image":"mine:2","mode":"exec"}}}""", "everything");

        Assert.Equal("mine:2", profile.Image);
        Assert.Equal(ProfileMode.Exec, profile.Mode);
        Assert.Equal(_temp.File("profiles.json"), profile.Source);
    }

    [Fact]
    public void The_built_in_profile_works_without_a_profiles_file()
    {
        var catalog = ProfileCatalog.Load(null);

        var profile = ProfileResolver.Resolve(catalog, "everything");

        Assert.Equal("mcpshim/everything:latest", profile.Image);
        Assert.Equal("built-in", catalog.Entries["everything"].Source);
    }

    [Fact]
    public void An_explicit_profiles_file_that_is_missing_is_an_error()
    {
        var ex = Assert.Throws<ConfigException>(() => ProfileCatalog.Load(_temp.File("nope.json")));

        Assert.Contains("the profiles file does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_path_comes_from_the_environment_then_the_file_then_XDG()
    {
        File.WriteAllText(_temp.File("profiles.json"), """{"audit":{"path":"logs/a.jsonl"},"profiles":{}}""");
        var catalog = ProfileCatalog.Load(_temp.File("profiles.json"));
        Assert.Equal(Path.Combine(_temp.Path, "logs", "a.jsonl"), ProfileResolver.ResolveAuditPath(catalog));

        Environment.SetEnvironmentVariable(ConfigPaths.AuditEnv, _temp.File("env.jsonl"));
        try
        {
            Assert.Equal(_temp.File("env.jsonl"), ProfileResolver.ResolveAuditPath(catalog));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConfigPaths.AuditEnv, null);
        }
    }

    [Fact]
    public void MCPSHIM_CONFIG_picks_the_profiles_file()
    {
        File.WriteAllText(_temp.File("from-env.json"), """{"profiles":{"envprofile":{"image":"i"}}}""");
        Environment.SetEnvironmentVariable(ConfigPaths.ConfigEnv, _temp.File("from-env.json"));
        try
        {
            Assert.Contains("envprofile", ProfileCatalog.Load(null).Entries.Keys);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConfigPaths.ConfigEnv, null);
        }
    }

    private ResolvedProfile Resolve(string json, string name)
    {
        var file = _temp.File("profiles.json");
        File.WriteAllText(file, json);
        return ProfileResolver.Resolve(ProfileCatalog.Load(file), name);
    }
}
