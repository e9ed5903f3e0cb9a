using System.Text.Json.Serialization;
using McpShim.Json;

namespace McpShim.Profiles;

/// <summary>How much harm the server could do (seed 002's classification), shown by <c>mcpshim list</c>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<RiskLevel>))]
internal enum RiskLevel
{
    Low,
    High,

    /// <summary>Needs a fresh container per session (<c>mode: run</c>) unless <c>unsafe</c> lists <c>critical-exec</c>.</summary>
    Critical,
}
