namespace McpShim.Profiles;

/// <summary>How a profile's server is started.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(McpShim.Json.CamelCaseEnumConverter<ProfileMode>))]
internal enum ProfileMode
{
    /// <summary>A fresh hardened container per session, removed when the session ends.</summary>
    Run,

    /// <summary>A warm, named hardened container; each session <c>docker exec -i</c>s the command into it.</summary>
    Exec,

    /// <summary>No container: the command runs on the host, still relayed and audited.</summary>
    Local,
}
