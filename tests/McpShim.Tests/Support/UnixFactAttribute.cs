namespace McpShim.Tests.Support;

/// <summary>A spec about Unix file modes: on Windows (the release workflow's runner) it is skipped, not failed.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "Unix file modes; Windows access is covered by WindowsAclRulesSpecs";
    }
}
