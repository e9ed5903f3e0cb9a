using System.Text.Json;
using McpShim.Platform;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// Where exec-mode sessions reach the Docker Engine API themselves instead of through a <c>docker exec -i</c> child
/// (one hop less per frame). Resolved conservatively: only when it is certain to be the engine the CLI would talk to;
/// anything else (podman, contexts, TLS, ssh) keeps the CLI path.
/// </summary>
/// <param name="SocketPath">A Unix socket, or null for TCP.</param>
/// <param name="Host">The TCP host (plain TCP, no TLS), or null for a Unix socket.</param>
internal sealed record EngineApiEndpoint(string? SocketPath, string? Host, int Port)
{
    /// <summary><c>MCPSHIM_EXEC_VIA=cli</c> keeps the <c>docker exec -i</c> child (an escape hatch, and for comparisons).</summary>
    public const string ExecViaEnv = "MCPSHIM_EXEC_VIA";

    private const int DefaultTcpPort = 2375;

    /// <summary>For messages: <c>unix:///var/run/docker.sock</c> or <c>tcp://127.0.0.1:2375</c>.</summary>
    public override string ToString() =>
        SocketPath is not null ? "unix://" + SocketPath : $"tcp://{Host}:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The API endpoint for an engine CLI and profile endpoint, or null (with the reason) when the CLI path must be
    /// used. Reads the environment and the Docker CLI config through <paramref name="host"/>.
    /// </summary>
    /// <param name="defaultSocket">This OS's default engine socket (<see cref="IEngineSearchPaths.DefaultDockerSocket"/>).</param>
    public static (EngineApiEndpoint? Endpoint, string Reason) Resolve(string engine, EngineEndpoint? profileEndpoint, IHostEnvironment host, string? defaultSocket)
    {
        if (string.Equals(host.GetEnvironmentVariable(ExecViaEnv), "cli", StringComparison.OrdinalIgnoreCase))
            return (null, $"{ExecViaEnv}=cli");
        if (!string.Equals(Path.GetFileNameWithoutExtension(engine), "docker", StringComparison.OrdinalIgnoreCase) || EngineEndpoint.IsPodman(engine))
            return (null, $"the engine is '{engine}', not docker");

        if (profileEndpoint?.Host is { } profileHost)
            return FromHost(profileHost, "the profile's engine host", host);
        if (profileEndpoint?.Context is { } profileContext)
            return (null, $"the profile names the context '{profileContext}'");
        if (host.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } dockerHost)
            return FromHost(dockerHost, "DOCKER_HOST", host);
        if (host.GetEnvironmentVariable("DOCKER_CONTEXT") is { Length: > 0 } context && context != "default")
            return (null, $"DOCKER_CONTEXT is '{context}'");
        if (CurrentContext(host) is { } current && current != "default")
            return (null, $"the Docker CLI's current context is '{current}'");
        return defaultSocket is null
            ? (null, "the engine's default endpoint here is not a Unix socket")
            : (new EngineApiEndpoint(defaultSocket, null, 0), "the default socket");
    }

    private static (EngineApiEndpoint?, string) FromHost(string url, string origin, IHostEnvironment host)
    {
        if (url.StartsWith("unix://", StringComparison.Ordinal) && url.Length > "unix://".Length)
            return (new EngineApiEndpoint(url["unix://".Length..], null, 0), origin);
        if (!url.StartsWith("tcp://", StringComparison.Ordinal))
            return (null, $"{origin} is '{url}' (only unix:// and tcp:// are reached directly)");
        if (host.GetEnvironmentVariable("DOCKER_TLS_VERIFY") is { Length: > 0 } || host.GetEnvironmentVariable("DOCKER_CERT_PATH") is { Length: > 0 })
            return (null, $"{origin} is '{url}' with TLS (DOCKER_TLS_VERIFY or DOCKER_CERT_PATH set)");
        if (!Uri.TryCreate("tcp://" + url["tcp://".Length..].TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Host.Length == 0 ||
            uri.AbsolutePath is not ("/" or ""))
        {
            return (null, $"{origin} '{url}' is not a plain tcp://HOST:PORT");
        }

        return (new EngineApiEndpoint(null, uri.Host.Trim('[', ']'), uri.IsDefaultPort || uri.Port < 0 ? DefaultTcpPort : uri.Port), origin);
    }

    /// <summary><c>currentContext</c> of <c>$DOCKER_CONFIG/config.json</c> (default <c>~/.docker/config.json</c>), if any.</summary>
    private static string? CurrentContext(IHostEnvironment host)
    {
        var folder = host.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } configured
            ? configured
            : Path.Combine(host.GetEnvironmentVariable("HOME") ?? host.UserProfileFallback, ".docker");
        var path = Path.Combine(folder, "config.json");
        if (!host.FileExists(path))
            return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("currentContext", out var current) && current.ValueKind == JsonValueKind.String
                ? current.GetString()
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // The CLI would fail on it too, or read something we cannot: not a case to guess in.
            return $"(unreadable {path})";
        }
    }
}
