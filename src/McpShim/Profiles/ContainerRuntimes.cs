using System.Text.RegularExpressions;

namespace McpShim.Profiles;

/// <summary>
/// <c>runtime</c> (issue 19): the engine runtime a container runs under, e.g. <c>runsc</c> (gVisor: a kernel of its
/// own between the server and the host's) or <c>runc</c>. A name in the engine's grammar for runtimes; whether the
/// engine has it is checked when a session starts (<see cref="Containers.EngineRuntimes"/>). The file's
/// <c>criticalRuntime</c> is what a <c>"risk": "critical"</c> profile runs under unless it names another, which needs
/// <c>"unsafe": ["critical-runtime"]</c>.
/// </summary>
internal static partial class ContainerRuntimes
{
    /// <summary>The runtime nearly every engine runs containers under by default.</summary>
    public const string Default = "runc";

    /// <summary>gVisor's runtime, the one <c>mcpshim doctor</c> tries.</summary>
    public const string Gvisor = "runsc";

    /// <summary>Null when <paramref name="runtime"/> is a runtime name; else what is wrong and the fix.</summary>
    public static string? Problem(string runtime) =>
        RuntimeName().IsMatch(runtime)
            ? null
            : $"'{ControlCharacters.Escape(runtime)}' is not a runtime name (letters, digits, '_', '.', '+', '-'): give one the engine lists " +
              $"('mcpshim doctor' or 'docker info' shows them), e.g. \"{Gvisor}\" or \"{Default}\".";

    /// <summary>The profile's runtime after its grammar and the file's <c>criticalRuntime</c>; null: the engine's default.</summary>
    /// <param name="allowed">Whether the profile's <c>unsafe</c> list names the word.</param>
    /// <param name="warnings">Gets the line printed every session when an allowance is used.</param>
    public static string? Resolve(
        string name, ProfileSpec spec, ProfileMode mode, ProfileCatalog catalog, Func<string, bool> allowed, List<string> warnings,
        Func<string, string, ConfigException> error)
    {
        if (catalog.CriticalRuntime is { } required && Problem(required) is { } requiredProblem)
            throw ConfigException.At(catalog.File ?? "the profiles file", "$.criticalRuntime", requiredProblem);
        if (spec.Runtime is not { } runtime)
            return spec.Risk == RiskLevel.Critical && mode != ProfileMode.Local ? catalog.CriticalRuntime : null;
        if (mode == ProfileMode.Local)
            throw error(".runtime", "mode 'local' runs no container, so it has no container runtime; remove \"runtime\" (or use \"mode\": \"run\").");
        if (Problem(runtime) is { } problem)
            throw error(".runtime", problem);
        if (spec.Risk == RiskLevel.Critical && catalog.CriticalRuntime is { } critical && runtime != critical)
        {
            if (!allowed(UnsafeOptions.CriticalRuntime))
            {
                throw error(".runtime",
                    $"a critical-risk profile runs under '{critical}' (the file's \"criticalRuntime\"), not '{runtime}'; " +
                    $"remove \"runtime\" or set it to \"{critical}\", or list \"{UnsafeOptions.CriticalRuntime}\" under \"unsafe\".");
            }

            warnings.Add($"profile '{name}' runs a critical-risk server under '{runtime}', not '{critical}' (allowed by \"unsafe\": \"{UnsafeOptions.CriticalRuntime}\")");
        }

        return runtime;
    }

    // Docker's runtime names are free text in daemon.json; this is what registered runtimes are called in practice
    // (runc, runsc, crun, kata-runtime, io.containerd.runsc.v1) and leaves out anything a CLI could read as an option.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}\\z")]
    private static partial Regex RuntimeName();
}
