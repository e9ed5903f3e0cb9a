using System.Text.Json.Serialization;
using McpShim.Json;

namespace McpShim.Profiles;

/// <summary>How secrets reach the server (<c>secretsAs</c>).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<SecretsDelivery>))]
internal enum SecretsDelivery
{
    /// <summary>Environment variables (<c>-e NAME</c>; the value is in the engine CLI's environment, never its argv).</summary>
    Env,

    /// <summary>Files <c>/run/secrets/NAME</c> on a tmpfs, mode 0400: not in <c>docker inspect</c>'s Env.</summary>
    Files,
}
