namespace McpShim.Containers;

/// <summary>Turns the engine CLI's error text into a message that says what is wrong and how to fix it.</summary>
internal static class EngineProblems
{
    public static string NotFound(string engine, string detail) =>
        $"container engine '{engine}' was not found ({detail}). Install Docker (https://docs.docker.com/get-docker/) " +
        "or Podman, or set \"engine\" in the profile to the engine's absolute path, e.g. \"/usr/local/bin/docker\".";

    public static string NotFoundAnywhere(string engine, IReadOnlyList<string> tried) =>
        $"container engine '{engine}' was not found. Looked in: {string.Join(", ", tried)}. Fix: install Docker or " +
        "Podman, or give its absolute path as \"engine\" in the profile (or in MCPSHIM_ENGINE), e.g. \"/usr/local/bin/docker\".";

    /// <summary>Explains a failed engine call; <paramref name="image"/> is named when the image may be missing.</summary>
    public static string Explain(string engine, string action, EngineResult result, string? image)
    {
        var text = result.Stderr.Length > 0 ? result.Stderr : result.Stdout;
        var firstLine = text.Split('\n', 2)[0].Trim();

        if (Contains(text, "Cannot connect to the Docker daemon") || Contains(text, "Is the docker daemon running") ||
            Contains(text, "error during connect") || Contains(text, "unable to connect to Podman") ||
            Contains(text, "connect: no such file or directory"))
        {
            return $"the container engine is not running ({firstLine}). Start it (Docker Desktop, or " +
                   "'sudo systemctl start docker'), check with '" + engine + " info', then restart the MCP client.";
        }

        if (Contains(text, "permission denied") && Contains(text, "sock"))
        {
            return $"you may not use the container engine ({firstLine}). Add your user to the 'docker' group " +
                   "('sudo usermod -aG docker $USER', then log in again) or use rootless Docker/Podman.";
        }

        if (image is not null && SaysImageMissing(text))
            return ImageMissing(engine, image);
        if (Contains(text, GvisorNetworkFailure))
            return GvisorNetwork(engine, firstLine);

        return $"'{engine} {action}' failed with exit code {result.ExitCode}: {firstLine}";
    }

    /// <summary>
    /// Explains an error status of an Engine API call made in place of <c>ENGINE ACTION</c>: a missing image gets the
    /// same message (and fix) as on the CLI path; anything else names the API, the status and the engine's words.
    /// </summary>
    public static string ExplainApi(string engine, string action, EngineApi.EngineApiEndpoint endpoint, EngineApi.EngineApiException error, string? image)
    {
        if (image is not null && (error.Status == 404 || SaysImageMissing(error.EngineMessage)))
            return ImageMissing(engine, image);
        if (Contains(error.EngineMessage, GvisorNetworkFailure))
            return GvisorNetwork(engine, error.EngineMessage);

        return $"'{engine} {action}' through the Engine API at {endpoint} failed with HTTP {error.Status}: {error.EngineMessage}. " +
               $"Check that the engine is healthy ('{engine} info'), or set {EngineApi.EngineApiEndpoint.ExecViaEnv}=cli to go through the {engine} CLI.";
    }

    /// <summary>What an old runsc (Debian's 2022 build) says when its runtime arguments lack <c>--network=none</c> (issue 19).</summary>
    private const string GvisorNetworkFailure = "cannot run with network enabled in root network namespace";

    private static string GvisorNetwork(string engine, string detail) =>
        $"the engine's runsc (gVisor) could not set up the container's network ({detail}). This runsc build runs containers only " +
        "without a network: add \"--network=none\" to its \"runtimeArgs\" in /etc/docker/daemon.json, reload the engine " +
        $"('kill -HUP' dockerd), and give the profile \"network\": \"none\"; or remove \"runtime\" to run under runc. 'mcpshim doctor' tries runsc ({engine}).";

    private static string ImageMissing(string engine, string image) =>
        $"image '{image}' is not present in {engine}. Build it ('./build.sh images' in the mcpshim " +
        $"checkout) or pull it ('{engine} pull {image}'), then retry.";

    private static bool SaysImageMissing(string text) =>
        Contains(text, "No such image") || Contains(text, "Unable to find image") ||
        Contains(text, "image not known") || Contains(text, "No such object");

    private static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
