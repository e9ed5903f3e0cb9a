namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A test that runs a server under gVisor (runsc): it needs an engine with runsc registered, and with
/// <see cref="NeedsInspector"/> the TypeScript inspector CLI too. It skips with the reason on a developer's machine and
/// fails under MCPSHIM_REQUIRE_DOCKER=1 (CI, which registers runsc).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GvisorFactAttribute : DockerFactAttribute
{
    private string? _skip;

    public GvisorFactAttribute()
    {
        if (base.Skip is null && !Required && Gvisor.WhyMissing is { } reason)
            _skip = $"needs gVisor: {reason}";
    }

    /// <summary>Also needs node and the inspector CLI installed into tests/clients.</summary>
    public bool NeedsInspector { get; set; }

    public override string? Skip
    {
        get => base.Skip ?? _skip ?? (NeedsInspector && !Required && ThirdPartyClients.WhyInspectorMissing is { } reason ? $"needs the inspector CLI: {reason}" : null);
        set => base.Skip = value;
    }

    private static bool Required => Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") == "1";
}
