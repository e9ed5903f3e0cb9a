using McpShim.Containers;

namespace McpShim.Inspection;

/// <summary>Lists mcpshim's containers by label only: nothing without <c>io.mcpshim.managed=true</c> is ever returned.</summary>
internal static class ManagedContainers
{
    /// <summary>The containers (any state) labelled as mcpshim's; only <paramref name="ownerUid"/>'s when given.</summary>
    public static async Task<IReadOnlyList<ManagedContainer>> ListAsync(EngineCli cli, string? ownerUid, CancellationToken cancellationToken)
    {
        var format = string.Join('\t',
            "{{.ID}}",
            "{{.Names}}",
            "{{.State}}",
            Label(ContainerLabels.Mode),
            Label(ContainerLabels.Profile),
            Label(ContainerLabels.OwnerPid),
            Label(ContainerLabels.OwnerHost),
            Label(ContainerLabels.OwnerUid),
            Label(ContainerLabels.OwnerUser),
            Label(ContainerLabels.OwnerStart));
        // Images built by build.sh carry the managed label too, and containers inherit image labels: a container someone
        // ran by hand from such an image has no profile label, and is not mcpshim's.
        List<string> arguments = ["ps", "-a", "--no-trunc", "--filter", $"label={ContainerLabels.Managed}=true", "--filter", $"label={ContainerLabels.Profile}"];
        if (ownerUid is not null)
            arguments.AddRange(["--filter", $"label={ContainerLabels.OwnerUid}={ownerUid}"]);
        arguments.AddRange(["--format", format]);
        var listed = await cli.RunAsync(arguments, cancellationToken: cancellationToken);
        if (!listed.Succeeded)
            throw new StartupException(EngineProblems.Explain(cli.Engine, "ps", listed, null));

        var containers = new List<ManagedContainer>();
        foreach (var line in listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // Empty labels at the end of the line vanish with the trimmed trailing tabs.
            var f = line.TrimEnd('\r').Split('\t');
            if (f.Length < 3)
                continue;
            string At(int i) => i < f.Length ? f[i] : string.Empty;
            containers.Add(new ManagedContainer(f[0], f[1], f[2], At(3), At(4), At(5), At(6), At(7), At(8), At(9).Length > 0 ? At(9) : null));
        }

        return containers;
    }

    private static string Label(string key) => $"{{{{.Label \"{key}\"}}}}";
}
