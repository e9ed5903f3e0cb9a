using System.Text.Json;
using McpShim.Containers;
using McpShim.Containers.EngineApi;
using McpShim.Json;
using McpShim.Profiles;

namespace McpShim.Tests.Containers;

/// <summary>
/// Issue 19: before a container is made under a profile's runtime, the engine's runtimes (<c>GET /info</c>) are
/// checked; a missing one, or a runsc that the engine runs without a network for a profile that asks for one, is a
/// start-up error naming the runtime, the engine's runtimes and the fix.
/// </summary>
public sealed class EngineRuntimesSpecs
{
    /// <summary>As dockerd 26 answers <c>GET /info</c> with runsc registered like CI does it (trimmed).</summary>
    private const string Info = """
        {"ID":"x","Containers":3,"Runtimes":{"runc":{"path":"runc","status":{"org.opencontainers.runtime-spec.features":"{}"}},
         "runsc":{"path":"/usr/bin/runsc","runtimeArgs":["--platform=ptrace","--network=none"]}},"DefaultRuntime":"runc","Swarm":{"NodeID":""}}
        """;

    [Fact]
    public void The_engine_s_answer_is_read_for_its_runtimes_and_their_arguments()
    {
        var info = Read(Info);

        Assert.Equal(["runc", "runsc"], info.Runtimes!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["--platform=ptrace", "--network=none"], info.Runtimes["runsc"].RuntimeArgs!);
        Assert.Equal("runc (default), runsc", EngineRuntimes.Describe(info));
    }

    [Fact]
    public void A_runtime_the_engine_lacks_is_refused_naming_it_the_engine_s_runtimes_and_the_fix()
    {
        var problem = EngineRuntimes.Problem(Profile("kata", "none"), Read(Info));

        Assert.NotNull(problem);
        Assert.StartsWith("profiles.json: $.profiles.p.runtime: the engine has no runtime 'kata' (its runtimes: runc (default), runsc)", problem, StringComparison.Ordinal);
        Assert.Contains("register 'kata' with the engine", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_runsc_gets_the_steps_to_install_and_register_gvisor()
    {
        var problem = EngineRuntimes.Problem(Profile("runsc", "none"), Read("""{"Runtimes":{"runc":{"path":"runc"}},"DefaultRuntime":"runc"}"""));

        Assert.Contains("the engine has no runtime 'runsc' (its runtimes: runc (default))", problem, StringComparison.Ordinal);
        Assert.Contains("apt-get install runsc", problem, StringComparison.Ordinal);
        Assert.Contains("\"runtimeArgs\": [\"--platform=ptrace\", \"--network=none\"]", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_under_a_runsc_the_engine_runs_without_one_is_refused()
    {
        var problem = EngineRuntimes.Problem(Profile("runsc", "bridge"), Read(Info));

        Assert.NotNull(problem);
        Assert.Contains("the engine runs 'runsc' with --platform=ptrace --network=none", problem, StringComparison.Ordinal);
        Assert.Contains("asks for \"network\": \"bridge\"", problem, StringComparison.Ordinal);
        Assert.Contains("set \"network\": \"none\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_under_a_runtime_the_engine_has_passes()
    {
        Assert.Null(EngineRuntimes.Problem(Profile("runsc", "none"), Read(Info)));
        Assert.Null(EngineRuntimes.Problem(Profile("runc", "bridge"), Read(Info)));
        Assert.Null(EngineRuntimes.Problem(Profile(null, "bridge"), Read("""{"Runtimes":{}}""")));
    }

    [Theory]
    [InlineData(new[] { "--network=none" }, true)]
    [InlineData(new[] { "--platform=ptrace", "--network", "none" }, true)]
    [InlineData(new[] { "--network=sandbox" }, false)]
    [InlineData(new[] { "--platform=ptrace" }, false)]
    public void A_runtime_without_a_network_is_told_by_its_arguments(string[] args, bool without)
    {
        Assert.Equal(without, EngineRuntimes.WithoutNetwork(new EngineRuntime { Path = "/usr/bin/runsc", RuntimeArgs = args }));
    }

    [Fact]
    public void An_old_runsc_that_cannot_set_up_networking_gets_the_runtime_argument_that_fixes_it()
    {
        var result = new EngineResult(125, string.Empty,
            "docker: Error response from daemon: OCI runtime start failed: starting container: setting up network: creating interfaces from net namespace \"/proc/27947/ns/net\": " +
            "cannot run with network enabled in root network namespace: unknown.");

        var message = EngineProblems.Explain("docker", "run", result, "img:1");

        Assert.Contains("the engine's runsc (gVisor) could not set up the container's network", message, StringComparison.Ordinal);
        Assert.Contains("add \"--network=none\" to its \"runtimeArgs\"", message, StringComparison.Ordinal);
    }

    private static EngineInfo Read(string json) => JsonSerializer.Deserialize(json, ShimJsonContext.Default.EngineInfo)!;

    private static ResolvedProfile Profile(string? runtime, string network) => new()
    {
        Name = "p",
        Source = "profiles.json",
        Mode = ProfileMode.Run,
        Image = "img:1",
        AuditPath = "/dev/null",
        Network = network,
        Runtime = runtime,
    };
}
