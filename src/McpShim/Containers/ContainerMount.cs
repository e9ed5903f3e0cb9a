using McpShim.Containers.EngineApi;

namespace McpShim.Containers;

/// <summary>
/// One mount of a container, typed: a profile's bind mount or named volume, an <c>.mcpignore</c> mask, the secrets
/// folder. The Engine API takes it as JSON (<see cref="ToRequest"/>), where no path can be read as an option; the CLI
/// fallback gets one <c>--mount</c> flag (<see cref="ToCliFlag"/>) from values <see cref="EngineCliValues"/> checked.
/// </summary>
/// <param name="Type"><c>bind</c>, <c>volume</c> or <c>tmpfs</c>.</param>
/// <param name="Source">The host path or volume name; null for a tmpfs.</param>
/// <param name="Origin">Where the mount comes from, for messages: a profile's JSON path or an <c>.mcpignore</c> file.</param>
/// <param name="Fix">What the user can do when the CLI cannot carry it.</param>
internal sealed record ContainerMount(string Type, string? Source, string Target, bool ReadOnly, string Origin, string Fix)
{
    /// <summary>A mask over an ignored folder: an empty tmpfs of one page, read-only.</summary>
    public const long MaskTmpfsBytes = 4096;

    public static ContainerMount Bind(string source, string target, bool readOnly, string origin, string fix) =>
        new("bind", source, target, readOnly, origin, fix);

    public static ContainerMount Volume(string name, string target, bool readOnly, string origin, string fix) =>
        new("volume", name, target, readOnly, origin, fix);

    /// <summary>An empty tmpfs that hides a folder.</summary>
    public static ContainerMount FolderMask(string target, string origin, string fix) =>
        new("tmpfs", null, target, true, origin, fix);

    /// <summary><c>/dev/null</c> over a file, which hides it.</summary>
    public static ContainerMount FileMask(string target, string origin, string fix) =>
        new("bind", "/dev/null", target, true, origin, fix);

    /// <summary><c>--mount</c> and its value; a <see cref="StartupException"/> when a path cannot be written there safely.</summary>
    public string[] ToCliFlag()
    {
        var value = Type == "tmpfs"
            ? $"type=tmpfs,{EngineCliValues.MountOption("destination", Target, Origin, Fix)},tmpfs-size={MaskTmpfsBytes}"
            : $"type={Type},{EngineCliValues.MountOption("source", Source!, Origin, Fix)},{EngineCliValues.MountOption("target", Target, Origin, Fix)}";
        return ["--mount", ReadOnly ? value + ",readonly" : value];
    }

    public MountRequest ToRequest() => new()
    {
        Type = Type,
        Source = Source,
        Target = Target,
        ReadOnly = ReadOnly,
        TmpfsOptions = Type == "tmpfs" ? new TmpfsOptionsRequest { SizeBytes = MaskTmpfsBytes } : null,
    };
}
