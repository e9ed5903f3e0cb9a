namespace McpShim.Profiles;

/// <summary>When a profile's image is refreshed (issue 6): only by <c>mcpshim update</c>, or checked at session start.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(McpShim.Json.CamelCaseEnumConverter<UpdatePolicy>))]
internal enum UpdatePolicy
{
    /// <summary>Only <c>mcpshim update</c> changes the image.</summary>
    Manual,

    /// <summary>
    /// At most once per <c>checkInterval</c>, a session starts with the local image and then pulls (or rebuilds) in the
    /// background; a newer image serves the next session.
    /// </summary>
    Startup,
}
