using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Sandbox;

/// <summary>
/// Reads a profile's sandbox words: <c>unsafe: ["unsandboxed"]</c>, <c>hostReadable</c> and <c>connectPorts</c>.
/// They mean something in mode local only; elsewhere they are errors rather than silently ignored.
/// </summary>
internal static class SandboxSettingsResolver
{
    public static (SandboxSettings Settings, IReadOnlyList<string> Warnings) Resolve(
        string name,
        ProfileSpec spec,
        ProfileMode mode,
        ProfileEntry entry,
        string secretsFolder,
        bool networkNone,
        Func<string, string, ConfigException> error)
    {
        var unsafeWords = spec.Unsafe ?? [];
        var unsandboxed = Array.IndexOf(unsafeWords, UnsafeOptions.Unsandboxed);
        if (mode != ProfileMode.Local)
        {
            if (unsandboxed >= 0)
                throw error($".unsafe[{unsandboxed}]", $"\"{UnsafeOptions.Unsandboxed}\" is for mode 'local' (the host sandbox); a container is always isolated. Remove it.");
            if (spec.HostReadable is not null)
                throw error(".hostReadable", "is for mode 'local' (what the sandboxed server may read on the host); in a container, mount it with \"volumes\" instead.");
            if (spec.ConnectPorts is not null)
                throw error(".connectPorts", "is for mode 'local'; a container's network is chosen with \"network\".");
            return (SandboxSettings.Off, []);
        }

        var ports = new List<int>();
        for (var i = 0; i < (spec.ConnectPorts?.Length ?? 0); i++)
        {
            var port = spec.ConnectPorts![i];
            if (port is < 1 or > 65535)
                throw error($".connectPorts[{i}]", $"{port} is not a TCP port (1 to 65535).");
            ports.Add(port);
        }

        if (ports.Count > 0 && networkNone)
            throw error(".connectPorts", "needs a network: with \"network\": \"none\" the server may open no socket at all. Set \"network\": \"host\" (with \"unsafe\": [\"network-host\"]) or another network name, or remove \"connectPorts\".");

        var unsafePaths = unsafeWords.Where(UnsafeOptions.IsPath)
            .Select(p => RealPath.OfOrFull(PathExpander.Expand(p, entry.BaseFolder)))
            .ToHashSet(StringComparer.Ordinal);
        var warnings = new List<string>();
        var readable = new List<string>();
        for (var i = 0; i < (spec.HostReadable?.Length ?? 0); i++)
        {
            var given = spec.HostReadable![i];
            if (string.IsNullOrWhiteSpace(given))
                throw error($".hostReadable[{i}]", "is empty; give a host path the server may read, e.g. \"/opt/my-runtime\".");
            var real = RealPath.Of(PathExpander.Expand(given, entry.BaseFolder))
                ?? throw error($".hostReadable[{i}]", $"'{given}' does not exist on this machine. Create it, or fix the path.");
            if (unsafePaths.Contains(real))
                warnings.Add($"profile '{name}' lets its sandboxed server read '{real}' (allowed by \"unsafe\")");
            else if (MountPolicy.Exposes(real, secretsFolder) is { } refused)
                throw error($".hostReadable[{i}]", $"'{given}' would expose '{refused}', which the sandbox never opens by default (system folders, your home folder itself and its credential folders). Name a narrower folder; if you really mean it, list \"{given}\" under \"unsafe\" too.");
            readable.Add(real);
        }

        if (unsandboxed >= 0)
        {
            warnings.Add($"profile '{name}' runs its server on this host without the sandbox: it can read and write whatever your user can (allowed by \"unsafe\": \"{UnsafeOptions.Unsandboxed}\")");
            return (new SandboxSettings(false, readable, ports), warnings);
        }

        return (new SandboxSettings(true, readable, ports), warnings);
    }
}
