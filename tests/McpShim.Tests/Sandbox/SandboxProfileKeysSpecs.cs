using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Sandbox;

/// <summary>The profile words of the host sandbox: on by default, opted out by name, and checked like mounts.</summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class SandboxProfileKeysSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_local_profile_is_sandboxed_unless_it_names_unsandboxed_which_warns_every_session()
    {
        var sandboxed = Resolve("""{"profiles":{"p":{"mode":"local","command":["srv"]}}}""");
        var open = Resolve("""{"profiles":{"p":{"mode":"local","command":["srv"],"unsafe":["unsandboxed"]}}}""");

        Assert.True(sandboxed.Sandbox.Enabled);
        Assert.Empty(sandboxed.UnsafeWarnings);
        Assert.False(open.Sandbox.Enabled);
        Assert.Equal(["profile 'p' runs its server on this host without the sandbox: it can read and write whatever your user can (allowed by \"unsafe\": \"unsandboxed\")"], open.UnsafeWarnings);
    }

    [Fact]
    public void A_container_profile_has_no_host_sandbox_and_refuses_its_words()
    {
        Assert.False(Resolve("""{"profiles":{"p":{"image":"i"}}}""").Sandbox.Enabled);

        Assert.StartsWith(_temp.File("profiles.json") + ": $.profiles.p.unsafe[0]: \"unsandboxed\" is for mode 'local'", Error("""{"profiles":{"p":{"image":"i","unsafe":["unsandboxed"]}}}"""), StringComparison.Ordinal);
        Assert.StartsWith(_temp.File("profiles.json") + ": $.profiles.p.hostReadable: is for mode 'local'", Error("""{"profiles":{"p":{"image":"i","hostReadable":["/opt"]}}}"""), StringComparison.Ordinal);
        Assert.StartsWith(_temp.File("profiles.json") + ": $.profiles.p.connectPorts: is for mode 'local'", Error("""{"profiles":{"p":{"image":"i","connectPorts":[443]}}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void HostReadable_paths_resolve_to_real_paths_and_must_exist()
    {
        Directory.CreateDirectory(_temp.File("runtime"));
        File.CreateSymbolicLink(_temp.File("current"), _temp.File("runtime"));

        var profile = Resolve("""{"profiles":{"p":{"mode":"local","command":["srv"],"hostReadable":["current"]}}}""");

        Assert.Equal([McpShim.Platform.RealPath.Of(_temp.File("runtime"))!], profile.Sandbox.HostReadable);
        Assert.Contains("$.profiles.p.hostReadable[0]: 'missing' does not exist on this machine",
            Error("""{"profiles":{"p":{"mode":"local","command":["srv"],"hostReadable":["missing"]}}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void HostReadable_never_opens_your_credentials_or_system_folders_unless_unsafe_names_the_path()
    {
        var ssh = Path.Combine(ConfigPaths.Home, ".ssh");
        var made = !Directory.Exists(ssh);
        Directory.CreateDirectory(ssh);
        try
        {
            Assert.Contains("$.profiles.p.hostReadable[0]: '~/.ssh' would expose",
                Error("""{"profiles":{"p":{"mode":"local","command":["srv"],"hostReadable":["~/.ssh"]}}}"""), StringComparison.Ordinal);
            Assert.Contains("$.profiles.p.hostReadable[0]: '/etc' would expose '/etc'",
                Error("""{"profiles":{"p":{"mode":"local","command":["srv"],"hostReadable":["/etc"]}}}"""), StringComparison.Ordinal);

            var allowed = Resolve("""{"profiles":{"p":{"mode":"local","command":["srv"],"hostReadable":["/etc"],"unsafe":["/etc"]}}}""");
            Assert.Equal(["/etc"], allowed.Sandbox.HostReadable);
            Assert.Equal(["profile 'p' lets its sandboxed server read '/etc' (allowed by \"unsafe\")"], allowed.UnsafeWarnings);
        }
        finally
        {
            if (made)
                Directory.Delete(ssh);
        }
    }

    [Fact]
    public void ConnectPorts_need_a_network_and_real_port_numbers()
    {
        var profile = Resolve("""{"profiles":{"p":{"mode":"local","command":["srv"],"network":"bridge","connectPorts":[443, 8080]}}}""");

        Assert.Equal([443, 8080], profile.Sandbox.ConnectPorts);
        Assert.Contains("$.profiles.p.connectPorts: needs a network",
            Error("""{"profiles":{"p":{"mode":"local","command":["srv"],"connectPorts":[443]}}}"""), StringComparison.Ordinal);
        Assert.Contains("$.profiles.p.connectPorts[0]: 70000 is not a TCP port",
            Error("""{"profiles":{"p":{"mode":"local","command":["srv"],"network":"bridge","connectPorts":[70000]}}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_volume_needs_no_container_path_and_refuses_a_different_one_or_a_named_volume()
    {
        Directory.CreateDirectory(_temp.File("project"));

        var profile = Resolve("""{"allowedRoots":["."],"profiles":{"p":{"mode":"local","command":["srv"],"volumes":[{"host":"project","readOnly":false}]}}}""");

        Assert.Equal(McpShim.Platform.RealPath.Of(_temp.File("project")), profile.Volumes[0].Host);
        Assert.False(profile.Volumes[0].ReadOnly);
        Assert.Contains("$.profiles.p.volumes[0].container: mode 'local' runs the server on this host",
            Error("""{"allowedRoots":["."],"profiles":{"p":{"mode":"local","command":["srv"],"volumes":[{"host":"project","container":"/workspace"}]}}}"""), StringComparison.Ordinal);
        Assert.Contains("$.profiles.p.volumes[0].volume: mode 'local' has no named volumes",
            Error("""{"profiles":{"p":{"mode":"local","command":["srv"],"volumes":[{"volume":"data","container":"/d"}]}}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_volume_passes_the_same_mount_checks_as_a_container_one()
    {
        Assert.Contains("is outside the allowed roots",
            Error("""{"profiles":{"p":{"mode":"local","command":["srv"],"volumes":[{"host":"HOST"}]}}}""".Replace("HOST", _temp.Path, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private ResolvedProfile Resolve(string json)
    {
        var file = _temp.File("profiles.json");
        File.WriteAllText(file, json);
        return ProfileResolver.Resolve(ProfileCatalog.Load(file), "p");
    }

    private string Error(string json) => Assert.Throws<ConfigException>(() => Resolve(json)).Message;
}
