using System.Text.Json;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>The docker CLI, as the tests use it to look at what mcpshim did.</summary>
internal static class Docker
{
    public const string Engine = "docker";

    private static readonly Lazy<string?> UnreachableReason = new(ProbeEngine);

    /// <summary>Why the engine can't be used, or null when <c>docker info</c> works.</summary>
    public static string? WhyUnreachable => UnreachableReason.Value;

    public static Task<CommandResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Engine, arguments, timeout: TimeSpan.FromSeconds(60));

    /// <summary>Runs a docker command that must succeed, and returns its trimmed stdout.</summary>
    public static async Task<string> RunCheckedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (!result.Succeeded)
            throw new InvalidOperationException($"'docker {string.Join(' ', arguments)}' failed: {result}");
        return result.Stdout.Trim();
    }

    /// <summary>IDs of all containers (running or not) carrying every given label.</summary>
    public static async Task<IReadOnlyList<string>> ContainerIdsAsync(params string[] labels)
    {
        var arguments = new List<string> { "ps", "-a", "-q", "--no-trunc" };
        foreach (var label in labels)
            arguments.AddRange(["--filter", $"label={label}"]);
        var stdout = await RunCheckedAsync([.. arguments]);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The <c>docker inspect</c> document of one container.</summary>
    public static async Task<JsonElement> InspectAsync(string container)
    {
        var stdout = await RunCheckedAsync("inspect", "--type", "container", container);
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement[0].Clone();
    }

    public static async Task<bool> ImageExistsAsync(string image) =>
        (await RunAsync("image", "inspect", "--format", "{{.Id}}", image)).Succeeded;

    public static async Task RemoveContainersAsync(IReadOnlyList<string> ids)
    {
        if (ids.Count > 0)
            await RunAsync(["rm", "-f", .. ids]);
    }

    private static string? ProbeEngine()
    {
        try
        {
            var result = ProcessRunner.RunAsync(Engine, ["info", "--format", "{{.ServerVersion}}"], timeout: TimeSpan.FromSeconds(20))
                .GetAwaiter().GetResult();
            return result.Succeeded ? null : $"'docker info' failed ({result.ExitCode}): {result.Stderr.Trim()}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return $"'docker info' could not run: {e.Message}";
        }
    }
}
