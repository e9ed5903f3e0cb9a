using System.Text.Json;
using McpShim.Containers.EngineApi;
using McpShim.Json;
using McpShim.Logging;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// The runtimes the engine has (issue 19): <c>GET /info</c>'s <c>Runtimes</c> where the Engine API is reachable, else
/// <c>ENGINE info --format</c>. A session whose profile names a runtime checks it before its container is made, so a
/// missing one fails the start with the engine's runtimes and the fix instead of the engine's bare refusal.
/// </summary>
internal static class EngineRuntimes
{
    /// <summary>The engine's runtimes; null when it cannot say (podman's info has no <c>Runtimes</c>): then the engine decides.</summary>
    public static async Task<EngineInfo?> ListAsync(EngineCli cli, ILogger logger, CancellationToken cancellationToken)
    {
        if (EngineApiCalls.TryCall(
                cli, logger, "info", EngineInspectApi.Info,
                (endpoint, error) => EngineProblems.ExplainApi(cli.Engine, "info", endpoint, error, null), out var info))
        {
            return info;
        }

        var result = await cli.RunAsync(["info", "--format", "{\"Runtimes\":{{json .Runtimes}},\"DefaultRuntime\":{{json .DefaultRuntime}}}"], cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            Log.RuntimesUnknown(logger, cli.Engine, result.Stderr.Split('\n', 2)[0]);
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(result.Stdout, ShimJsonContext.Default.EngineInfo);
        }
        catch (JsonException ex)
        {
            Log.RuntimesUnknown(logger, cli.Engine, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Throws a <see cref="StartupException"/> when the profile's runtime is not one the engine has, or when the engine
    /// runs it without a network (runsc's <c>--network=none</c>) and the profile asks for one: the server would start
    /// with nothing but loopback, and fail later in a way that names neither.
    /// </summary>
    public static async Task EnsureAsync(ResolvedProfile profile, EngineCli cli, ILogger logger, CancellationToken cancellationToken)
    {
        if (profile.Runtime is not null && await ListAsync(cli, logger, cancellationToken) is { } info && Problem(profile, info) is { } problem)
            throw new StartupException(problem);
    }

    /// <summary>What stops the profile's runtime on this engine, with the fix; null when nothing does (or the engine lists no runtimes).</summary>
    public static string? Problem(ResolvedProfile profile, EngineInfo info)
    {
        if (profile.Runtime is not { } runtime || info.Runtimes is not { } runtimes)
            return null;
        var field = $"{profile.Source}: $.profiles.{profile.Name}.runtime";
        if (!runtimes.TryGetValue(runtime, out var registered))
            return Missing(field, runtime, info);
        if (profile.Network == "none" || !WithoutNetwork(registered))
            return null;
        return $"{field}: the engine runs '{runtime}' with {string.Join(' ', registered.RuntimeArgs ?? [])} (its \"runtimeArgs\" in daemon.json), " +
               $"so the container would have no network but loopback, while profile '{profile.Name}' asks for \"network\": \"{profile.Network}\". " +
               $"Fix: set \"network\": \"none\" if the server needs none; or remove \"runtime\" to run it under {ContainerRuntimes.Default}; " +
               $"or register '{runtime}' without --network=none (gVisor's networking needs a runsc release that can set it up on this host; Debian's 2022 build cannot).";
    }

    /// <summary>The runtime names, default first marked, for messages and <c>mcpshim doctor</c>: <c>runc (default), runsc</c>.</summary>
    public static string Describe(EngineInfo info) =>
        info.Runtimes is not { Count: > 0 } runtimes
            ? "none listed"
            : string.Join(", ", runtimes.Keys.Order(StringComparer.Ordinal).Select(r => r == info.DefaultRuntime ? r + " (default)" : r));

    /// <summary>Whether the engine starts this runtime with its network off (gVisor's <c>--network=none</c>, or <c>--network none</c>).</summary>
    public static bool WithoutNetwork(EngineRuntime runtime)
    {
        var args = runtime.RuntimeArgs ?? [];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--network=none" or "-network=none" || args[i] is "--network" or "-network" && i + 1 < args.Length && args[i + 1] == "none")
                return true;
        }

        return false;
    }

    private static string Missing(string field, string runtime, EngineInfo info) =>
        $"{field}: the engine has no runtime '{runtime}' (its runtimes: {Describe(info)}). Fix: " +
        (runtime == ContainerRuntimes.Gvisor
            ? "install gVisor ('apt-get install runsc'), register it in /etc/docker/daemon.json as " +
              "{\"runtimes\": {\"runsc\": {\"path\": \"/usr/bin/runsc\", \"runtimeArgs\": [\"--platform=ptrace\", \"--network=none\"]}}} " +
              "and reload the engine ('sudo systemctl reload docker' or 'kill -HUP' dockerd); "
            : $"register '{runtime}' with the engine (\"runtimes\" in /etc/docker/daemon.json, then reload it); ") +
        $"or set \"runtime\" to one of the engine's runtimes, or remove it for the engine's default. 'mcpshim doctor' lists them and tries runsc.";
}
