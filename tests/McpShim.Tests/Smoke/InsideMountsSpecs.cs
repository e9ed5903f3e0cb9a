using McpShim.Profiles;
using McpShim.Smoke;

namespace McpShim.Tests.Smoke;

/// <summary>
/// Issue 14: <c>mcpshim test</c> reads the mount table the server sees and fails on any mount the profile did not ask
/// for, or one whose read-only flag differs.
/// </summary>
public sealed class InsideMountsSpecs
{
    // /proc/self/mountinfo in a run-mode container (docker 20.10), shortened; one mask's name holds a newline (\012).
    private const string Table = """
        204 150 0:75 / / ro,relatime master:5 - overlay overlay rw,lowerdir=/l
        205 204 0:78 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
        206 204 0:79 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755
        208 204 0:81 / /sys ro,nosuid,nodev,noexec,relatime - sysfs sysfs ro
        220 206 0:83 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k
        221 204 254:0 /usr/bin/tini-static /usr/sbin/docker-init ro,relatime - ext4 /dev/vda rw
        222 204 254:0 /home/alice/proj /w ro,relatime - ext4 /dev/vda rw
        223 222 0:6 /null /w/a\012b.env ro,relatime - devtmpfs devtmpfs rw,mode=755
        224 204 254:0 /var/lib/docker/containers/5cc9/resolv.conf /etc/resolv.conf ro,relatime - ext4 /dev/vda rw
        225 204 254:0 /var/lib/docker/containers/5cc9/hostname /etc/hostname ro,relatime - ext4 /dev/vda rw
        226 204 254:0 /var/lib/docker/containers/5cc9/hosts /etc/hosts ro,relatime - ext4 /dev/vda rw
        227 222 0:84 / /w/secrets ro,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw
        228 204 0:85 / /tmp rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw,size=65536k
        229 204 254:0 /var/lib/docker/volumes/data/_data /data rw,relatime - ext4 /dev/vda rw
        155 205 0:85 / /proc/acpi ro,relatime - tmpfs tmpfs ro
        156 205 0:79 /null /proc/keys rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755
        """;

    private static readonly ResolvedProfile Profile = new()
    {
        Name = "p",
        Source = "test",
        Mode = ProfileMode.Run,
        Image = "img:1",
        AuditPath = "/dev/null",
        Volumes = [new ResolvedVolume("/home/alice/proj", "/w", true), new ResolvedVolume("data", "/data", false, Named: true)],
    };

    [Fact]
    public void I_read_where_each_mount_is_whether_it_is_read_only_and_names_with_newlines()
    {
        var mounts = MountInfo.Parse(Table);

        var mask = Assert.Single(mounts, m => m.MountPoint.StartsWith("/w/a", StringComparison.Ordinal));
        Assert.Equal(new MountInfo("/w/a\nb.env", true, "devtmpfs", "devtmpfs", "/null"), mask);
        Assert.Equal(new MountInfo("/w", true, "ext4", "/dev/vda", "/home/alice/proj"), mounts.Single(m => m.MountPoint == "/w"));
        Assert.False(mounts.Single(m => m.MountPoint == "/data").ReadOnly);
    }

    [Fact]
    public void The_volumes_as_asked_and_the_masks_in_them_pass()
    {
        var (status, detail) = HardeningAudit.CheckInsideMounts(MountInfo.Parse(Table), Profile);

        Assert.Equal(CheckStatus.Pass, status);
        Assert.Equal("/w ro, /data rw, 2 .mcpignore mask(s)", detail);
    }

    [Fact]
    public void A_writable_mount_the_profile_asked_read_only_fails()
    {
        var table = Table.Replace("/home/alice/proj /w ro,relatime", "/home/alice/proj /w rw,relatime", StringComparison.Ordinal);

        var (status, detail) = HardeningAudit.CheckInsideMounts(MountInfo.Parse(table), Profile);

        Assert.Equal(CheckStatus.Fail, status);
        Assert.Equal("/w is writable, the profile says readOnly", detail);
    }

    [Fact]
    public void A_mount_the_profile_did_not_ask_for_fails_with_what_it_shows()
    {
        var table = Table + "\n230 204 254:0 /etc /w2 ro,relatime - ext4 /dev/vda rw\n231 222 0:90 / /w/x rw,relatime - tmpfs tmpfs rw\n";

        var (status, detail) = HardeningAudit.CheckInsideMounts(MountInfo.Parse(table), Profile);

        Assert.Equal(CheckStatus.Fail, status);
        Assert.Contains("/w2 (ext4 /etc, ro) is mounted, which the profile does not ask for", detail, StringComparison.Ordinal);
        Assert.Contains("/w/x (tmpfs /, rw) is mounted", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_volume_that_is_not_mounted_fails()
    {
        var table = string.Join('\n', Table.Split('\n').Where(l => !l.Contains(" /data ", StringComparison.Ordinal)));

        var (status, detail) = HardeningAudit.CheckInsideMounts(MountInfo.Parse(table), Profile);

        Assert.Equal(CheckStatus.Fail, status);
        Assert.Equal("/data is not mounted", detail);
    }
}
