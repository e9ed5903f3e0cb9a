using System.Globalization;
using System.Text;

namespace McpShim.Sandbox.Mac;

/// <summary>
/// The same plan as a Seatbelt profile for macOS's <c>sandbox-exec -p</c> (issue 16): deny by default, then allow
/// each planned path with its access, the session's own processes and signals, and the network the profile names.
/// Seatbelt, unlike Landlock, can deny inside an allowed folder, so <c>.mcpignore</c> matches are denied explicitly
/// as well (the last matching rule wins). Metadata (stat) stays readable everywhere, as path lookups need it.
/// </summary>
internal static class SeatbeltProfile
{
    public static string Generate(SandboxPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append("(version 1)\n");
        sb.Append("(deny default)\n");
        sb.Append("(allow process-fork)\n");
        sb.Append("(allow process-exec)\n");
        sb.Append("(allow signal (target same-sandbox))\n");
        sb.Append("(allow sysctl-read)\n");
        sb.Append("(allow file-read-metadata)\n");
        sb.Append("(allow mach-lookup (global-name \"com.apple.system.opendirectoryd.libinfo\") (global-name \"com.apple.system.notification_center\") (global-name \"com.apple.logd\"))\n");
        sb.Append("(allow ipc-posix-shm-read-data (ipc-posix-name \"apple.shm.notification_center\"))\n");
        foreach (var path in plan.Rules.Paths)
            sb.Append(Rule(path));
        foreach (var hidden in plan.Hidden)
            sb.Append(CultureInfo.InvariantCulture, $"(deny file-read* file-write* {Filter(hidden, folder: Directory.Exists(hidden))})\n");
        switch (plan.Rules.Network)
        {
            case SandboxNetwork.Open:
                sb.Append("(allow network*)\n");
                sb.Append("(allow mach-lookup (global-name \"com.apple.dnssd.service\") (global-name \"com.apple.SystemConfiguration.configd\"))\n");
                break;
            case SandboxNetwork.Ports:
                sb.Append("(allow mach-lookup (global-name \"com.apple.dnssd.service\"))\n");
                foreach (var port in plan.Rules.ConnectPorts)
                    sb.Append(CultureInfo.InvariantCulture, $"(allow network-outbound (remote tcp \"*:{port}\"))\n");
                break;
            default:
                // network: none. Not even Unix sockets: connecting to one (docker.sock, ssh-agent) reaches past the sandbox.
                break;
        }

        return sb.ToString();
    }

    private static string Rule(SandboxPath path)
    {
        var folder = path.Access != SandboxAccess.Device && !File.Exists(path.Path);
        var filter = Filter(path.Path, folder);
        return path.Access switch
        {
            SandboxAccess.ListOnly => $"(allow file-read-data {Filter(path.Path, folder: false)})\n",
            SandboxAccess.Read => $"(allow file-read* {filter})\n",
            SandboxAccess.ReadExecute => $"(allow file-read* process-exec file-map-executable {filter})\n",
            SandboxAccess.Device => $"(allow file-read* file-write-data file-ioctl {filter})\n",
            SandboxAccess.ReadWrite => $"(allow file-read* file-write* {filter})\n",
            _ => string.Empty,
        };
    }

    /// <summary>A folder and everything beneath it (<c>subpath</c>), or one file (<c>literal</c>).</summary>
    private static string Filter(string path, bool folder) => $"({(folder ? "subpath" : "literal")} {Quote(path)})";

    private static string Quote(string path) => "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
