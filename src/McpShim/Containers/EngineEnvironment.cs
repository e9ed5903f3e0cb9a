using McpShim.Platform;

namespace McpShim.Containers;

/// <summary>
/// The environment handed to the engine CLI: a short, explicit list, so nothing else of the client's environment
/// (cloud keys, tokens, proxies meant for something else) reaches the engine or, through it, the container. The
/// profile's variables and secrets are added by name by the caller.
/// </summary>
internal static class EngineEnvironment
{
    /// <summary>What engine CLIs need: their endpoint and config, the user's home and runtime folder.</summary>
    public static readonly string[] Passed =
    [
        "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "DOCKER_API_VERSION",
        "CONTAINER_HOST", "CONTAINER_CONNECTION", "CONTAINERS_CONF", "CONTAINERS_REGISTRIES_CONF",
        "HOME", "USER", "LOGNAME", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "TMPDIR",
        // Windows: Docker Desktop's CLI fails without these (docker/desktop-feedback#140).
        "ProgramData", "ProgramFiles", "APPDATA", "LOCALAPPDATA", "USERPROFILE", "SystemRoot", "SystemDrive", "TEMP", "TMP", "PATHEXT", "ComSpec",
    ];

    /// <summary>Whether the engine CLI reads this variable itself (so a container's value must not be put there).</summary>
    public static bool IsEngineOwn(string name) =>
        name.Equals("PATH", StringComparison.OrdinalIgnoreCase) || Passed.Contains(name, StringComparer.OrdinalIgnoreCase);

    public static Dictionary<string, string> Build(IHostEnvironment host, PathSyntax syntax, string enginePath, IEnumerable<KeyValuePair<string, string>> extra)
    {
        var env = new Dictionary<string, string>(syntax.EnvironmentNames);
        foreach (var name in Passed)
        {
            if (host.GetEnvironmentVariable(name) is { } value)
                env[name] = value;
        }

        // PATH keeps the engine's own folder first: credential helpers and plugins (docker-credential-desktop) live there.
        var folder = Path.GetDirectoryName(enginePath);
        var path = host.GetEnvironmentVariable("PATH") ?? string.Empty;
        env["PATH"] = string.IsNullOrEmpty(folder) ? path : folder + syntax.ListSeparator + path;
        foreach (var (key, value) in extra)
            env[key] = value;
        return env;
    }
}
