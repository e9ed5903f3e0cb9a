namespace McpShim.Sandbox.Linux;

/// <summary>
/// The rlimits the launcher sets before it executes the server: no core files (a dump could land secrets on disk),
/// and the profile's memory as RLIMIT_DATA. RLIMIT_AS would stop node, whose engine reserves far more address space
/// than it uses; RLIMIT_DATA counts the private writable memory actually mapped, per process.
/// </summary>
internal static class ResourceLimits
{
    public const int RlimitData = 2;
    public const int RlimitCore = 4;

    public static void Apply(IReadOnlyList<ResourceLimit> limits)
    {
        foreach (var limit in limits)
            Set(limit.Resource, limit.Value);
    }

    private static void Set(int resource, ulong value)
    {
        // Never raise a limit the user already set lower.
        if (LinuxKernel.getrlimit(resource, out var current) == 0 && current.Maximum < value)
            value = current.Maximum;
        var limit = new LinuxKernel.RLimit { Current = value, Maximum = value };
        if (LinuxKernel.setrlimit(resource, limit) != 0)
            throw new SandboxException($"setrlimit({Name(resource)}) failed ({LinuxKernel.ErrorName(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())})");
    }

    private static string Name(int resource) => resource switch
    {
        RlimitData => "RLIMIT_DATA",
        RlimitCore => "RLIMIT_CORE",
        _ => "resource " + resource.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
