using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Profiles;

/// <summary>The attacks a reviewer would try on mounts and options, each refused with the way out in the message.</summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class SafetyRulesSpecs : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _project;

    public SafetyRulesSpecs()
    {
        _project = Directory.CreateDirectory(_temp.File("project")).FullName;
        Directory.CreateDirectory(_temp.File("outside"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_folder_inside_an_allowed_root_is_mounted_by_its_real_path()
    {
        var profile = Resolve(Volume(_project));

        Assert.Equal(RealPath.Of(_project), profile.Volumes[0].Host);
        Assert.Empty(profile.UnsafeWarnings);
    }

    [Fact]
    public void A_symlink_that_escapes_the_allowed_root_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_project, "escape"), _temp.File("outside"));

        var ex = Assert.Throws<ConfigException>(() => Resolve(Volume(Path.Combine(_project, "escape"))));

        Assert.Contains("is outside the allowed roots", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(really '" + RealPath.Of(_temp.File("outside")) + "')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.profiles.p.volumes[0].host", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dot_dot_path_out_of_the_allowed_root_is_refused()
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve(Volume(_project + "/../outside")));

        Assert.Contains("is outside the allowed roots (" + RealPath.Of(_project), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/var/run/docker.sock")]
    [InlineData("/var/run")]
    [InlineData("/etc")]
    [InlineData("/etc/ssl")]
    [InlineData("/proc")]
    [InlineData("/")]
    public void Sensitive_paths_are_refused_even_inside_an_allowed_root(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            return; // no engine socket on this machine: nothing to expose

        var ex = Assert.Throws<ConfigException>(() => Resolve(Volume(path), allowedRoots: "\"/\""));

        Assert.Contains("which mcpshim never mounts by default", ex.Message, StringComparison.Ordinal);
        Assert.Contains("under \"unsafe\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_home_folder_itself_and_its_credential_folders_are_refused()
    {
        var home = Directory.CreateDirectory(_temp.File("home")).FullName;
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        var saved = Environment.GetEnvironmentVariable("HOME");
        Environment.SetEnvironmentVariable("HOME", home);
        try
        {
            Assert.Contains("never mounts", Assert.Throws<ConfigException>(() => Resolve(Volume(home))).Message, StringComparison.Ordinal);
            Assert.Contains("never mounts", Assert.Throws<ConfigException>(() => Resolve(Volume(Path.Combine(home, ".ssh")))).Message, StringComparison.Ordinal);
            Directory.CreateDirectory(Path.Combine(home, "code"));
            Assert.Equal(RealPath.Of(Path.Combine(home, "code")), Resolve(Volume(Path.Combine(home, "code")), allowedRoots: null).Volumes[0].Host);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOME", saved);
        }
    }

    [Fact]
    public void A_path_listed_under_unsafe_is_mounted_with_a_warning()
    {
        var profile = Resolve(Volume("/etc") + ", \"unsafe\": [\"/etc\"]");

        Assert.Equal("/etc", profile.Volumes[0].Host);
        Assert.Contains(profile.UnsafeWarnings, w => w.Contains("mounts '/etc'", StringComparison.Ordinal));
    }

    [Fact]
    public void Named_volumes_are_not_host_paths()
    {
        Assert.True(Resolve("\"volumes\": [{\"volume\": \"data\", \"container\": \"/data\"}]").Volumes[0].Named);
    }

    [Theory]
    [InlineData("\"privileged\": true", "privileged", "a privileged container")]
    [InlineData("\"network\": \"host\"", "network-host", "the host's network")]
    [InlineData("\"pid\": \"host\"", "pid-host", "the host's process namespace")]
    [InlineData("\"capAdd\": [\"NET_ADMIN\"]", "cap-add", "added capabilities (NET_ADMIN)")]
    [InlineData("\"readOnlyRoot\": false", "writable-root", "a writable root filesystem")]
    [InlineData("\"user\": \"0:0\"", "root", "uid 0 (root)")]
    [InlineData("\"user\": \"root\"", "root", "uid 0 (root)")]
    [InlineData("\"mode\": \"exec\", \"risk\": \"critical\"", "critical-exec", "a critical-risk server in a container shared")]
    public void Weakening_options_are_refused_unless_listed_under_unsafe_and_then_warned(string option, string word, string what)
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve(option));
        Assert.Contains($"{what}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"lists \"{word}\" under \"unsafe\"", ex.Message, StringComparison.Ordinal);

        var allowed = Resolve($"{option}, \"unsafe\": [\"{word}\"]");

        var warning = Assert.Single(allowed.UnsafeWarnings);
        Assert.Contains(what, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_unsafe_word_is_an_error_listing_the_known_ones()
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve("\"unsafe\": [\"yolo\"]"));

        Assert.Contains("'yolo' is not something mcpshim can allow. Use one of privileged, network-host", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_need_valid_distinct_names()
    {
        Assert.Contains("valid environment variable name", Assert.Throws<ConfigException>(() => Resolve("\"secrets\": [\"BAD-NAME\"]")).Message, StringComparison.Ordinal);
        Assert.Contains("named twice", Assert.Throws<ConfigException>(() => Resolve("\"secrets\": [\"A\", {\"name\": \"A\"}]")).Message, StringComparison.Ordinal);
        Assert.Contains("named twice", Assert.Throws<ConfigException>(() => Resolve("\"secrets\": [\"A\"], \"env\": {\"A\": \"x\"}")).Message, StringComparison.Ordinal);
        var profile = Resolve("\"secrets\": [\"TOKEN\", {\"name\": \"OTHER\", \"from\": \"cmd:echo hi\"}], \"secretsAs\": \"files\"");
        Assert.Equal(["TOKEN", "OTHER"], profile.Secrets.Select(s => s.Name));
        Assert.Equal(SecretsDelivery.Files, profile.SecretsAs);
    }

    [UnixFact]
    public void A_profiles_file_others_can_write_is_refused_with_the_chmod()
    {
        if (OperatingSystem.IsWindows())
            return;
        var file = _temp.File("profiles.json");
        File.WriteAllText(file, "{\"profiles\": {}}");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);

        var ex = Assert.Throws<ConfigException>(() => ProfileCatalog.Load(file));

        Assert.Contains("writable by other users", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w '{file}'", ex.Message, StringComparison.Ordinal);
    }

    private static string Volume(string host) => $"\"volumes\": [{{\"host\": \"{host}\", \"container\": \"/w\"}}]";

    private ResolvedProfile Resolve(string profileBody, string? allowedRoots = "\"project\"")
    {
        var file = _temp.File("profiles.json");
        var roots = allowedRoots is null ? string.Empty : $"\"allowedRoots\": [{allowedRoots}], ";
        File.WriteAllText(file, $"{{{roots}\"profiles\": {{\"p\": {{\"image\": \"i\", {profileBody}}}}}}}");
        return ProfileResolver.Resolve(ProfileCatalog.Load(file), "p");
    }
}
