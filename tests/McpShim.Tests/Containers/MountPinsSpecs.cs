using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

/// <summary>
/// Issue 14, "no race": the folder the engine mounts is the one that was checked. Here this test process plays the
/// container: through /proc/PID/root it sees the host's tree, so a target that is the checked folder passes and any
/// other object is a swap.
/// </summary>
public sealed class MountPinsSpecs : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _project;
    private readonly string _other;

    public MountPinsSpecs()
    {
        _project = RealPath.Of(Directory.CreateDirectory(_temp.File("project")).FullName)!;
        _other = RealPath.Of(Directory.CreateDirectory(_temp.File("other")).FullName)!;
    }

    public void Dispose() => _temp.Dispose();

    [LinuxFact]
    public void A_folder_left_alone_passes_every_check()
    {
        using var pins = MountPins.Take(Profile(_project, target: _project));
        pins.Recheck();

        var detail = pins.Verify(Environment.ProcessId, OwnCgroupPart());

        Assert.Contains($"{_project} is '{_project}'", detail, StringComparison.Ordinal);
        Assert.Contains($"seen through /proc/{Environment.ProcessId}/root", detail, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void A_folder_swapped_for_a_symlink_after_its_check_is_refused_before_the_container_is_made()
    {
        using var pins = MountPins.Take(Profile(_project, target: "/w"));
        Directory.Move(_project, _project + ".gone");
        File.CreateSymbolicLink(_project, "/etc");

        var ex = Assert.Throws<StartupException>(pins.Recheck);

        Assert.StartsWith("test: $.profiles.p.volumes[0].host: '" + _project + "', mounted at /w, is not the folder mcpshim checked: it now leads to '/etc'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Find what changes", ex.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void A_folder_swapped_for_another_with_the_same_path_is_refused()
    {
        using var pins = MountPins.Take(Profile(_project, target: "/w"));
        Directory.Move(_project, _project + ".gone");
        Directory.CreateDirectory(_project);

        var ex = Assert.Throws<StartupException>(pins.Recheck);

        Assert.Contains("it is now another object (device ", ex.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void A_container_that_got_another_object_at_the_target_is_refused()
    {
        using var pins = MountPins.Take(Profile(_project, target: _other));

        var ex = Assert.Throws<StartupException>(() => pins.Verify(Environment.ProcessId, OwnCgroupPart()));

        Assert.Contains($"the container has device ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"at {_other}, mcpshim checked device ", ex.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Where_the_host_cannot_look_into_the_container_the_host_path_is_checked_again()
    {
        using var pins = MountPins.Take(Profile(_project, target: _other));

        var detail = pins.Verify(Environment.ProcessId, "0123456789abcdef-not-in-my-cgroup");
        Assert.Contains("unchanged on the host (the container's view was not readable: pid", detail, StringComparison.Ordinal);

        Directory.Move(_project, _project + ".gone");
        File.CreateSymbolicLink(_project, "/etc");
        Assert.Throws<StartupException>(() => pins.Verify(Environment.ProcessId, "0123456789abcdef-not-in-my-cgroup"));
    }

    [LinuxFact]
    public void Named_volumes_are_not_host_folders_and_are_not_held()
    {
        var profile = Profile(_project, target: "/w") with { Volumes = [new ResolvedVolume("data", "/data", false, Named: true)] };

        using var pins = MountPins.Take(profile);

        Assert.Empty(pins.Pins);
        Assert.Equal("no bind mounts", pins.Verify(Environment.ProcessId, "x"));
    }

    private static ResolvedProfile Profile(string host, string target) => new()
    {
        Name = "p",
        Source = "test",
        Mode = ProfileMode.Run,
        Image = "img:1",
        AuditPath = "/dev/null",
        Volumes = [new ResolvedVolume(host, target, true)],
    };

    /// <summary>Text this process's cgroup file holds, standing in for a container's id.</summary>
    private static string OwnCgroupPart() => File.ReadAllText("/proc/self/cgroup").Split('\n')[0];
}
