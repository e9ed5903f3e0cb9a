namespace McpShim.Smoke;

/// <summary>The outcome of one check of <c>mcpshim test</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(McpShim.Json.CamelCaseEnumConverter<CheckStatus>))]
internal enum CheckStatus
{
    Pass,

    Fail,

    /// <summary>Not applicable (not advertised, local mode) or not reachable after an earlier failure.</summary>
    Skip,
}
