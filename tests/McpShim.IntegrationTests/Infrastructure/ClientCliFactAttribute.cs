namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A test that drives a client's own CLI (codex, gemini) installed into tests/clients. Without it the test skips with
/// the reason on a developer's machine, and fails under MCPSHIM_REQUIRE_DOCKER=1 (CI), where ./build.sh test installs it.
/// With <c>needsEngine</c> the client also starts mcpshim into a container, so it needs a reachable engine too.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ClientCliFactAttribute : FactAttribute
{
    public ClientCliFactAttribute(string cli, bool needsEngine = false)
    {
        var path = cli switch
        {
            "codex" => ThirdPartyClients.Codex,
            "gemini" => ThirdPartyClients.Gemini,
            _ => throw new ArgumentOutOfRangeException(nameof(cli), cli, "known: codex, gemini"),
        };
        if (Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") == "1")
            return;
        if (ThirdPartyClients.WhyMissing(path) is { } reason)
            Skip = $"needs the {cli} CLI: {reason}";
        else if (needsEngine && Docker.WhyUnreachable is { } unreachable)
            Skip = $"needs a container engine: {unreachable} (set MCPSHIM_REQUIRE_DOCKER=1 to fail instead of skip)";
    }
}
