using System.Reflection;

namespace McpShim.Cli;

/// <summary>mcpshim's version, from the assembly's informational version.</summary>
internal static class ShimVersion
{
    public static string Value { get; } =
        typeof(ShimVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
