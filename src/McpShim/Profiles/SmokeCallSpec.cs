using System.Text.Json;

namespace McpShim.Profiles;

/// <summary>One scripted <c>tools/call</c> of a profile's <c>smoke</c> section.</summary>
internal sealed class SmokeCallSpec
{
    /// <summary>The tool's name, as in <c>tools/list</c>.</summary>
    public string? Tool { get; init; }

    /// <summary>The call's <c>arguments</c> object, sent as written.</summary>
    public JsonElement? Arguments { get; init; }

    /// <summary>What the result must show; without it, only that the call succeeds (<c>isError</c> not true).</summary>
    public SmokeExpectSpec? Expect { get; init; }
}
