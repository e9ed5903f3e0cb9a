using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpShim.Json;

/// <summary>Enums as camelCase strings (<c>"run"</c>, <c>"keys"</c>); numbers are refused.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
