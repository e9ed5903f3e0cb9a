namespace McpShim.Audit;

/// <summary>How much of a tool call's arguments the audit file keeps (<c>audit.arguments</c>).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(McpShim.Json.CamelCaseEnumConverter<ArgumentsMode>))]
internal enum ArgumentsMode
{
    /// <summary>Argument names and the byte size of each value; no values (the default).</summary>
    Keys,

    /// <summary>The arguments as sent.</summary>
    Full,

    /// <summary>Nothing about arguments.</summary>
    None,
}
