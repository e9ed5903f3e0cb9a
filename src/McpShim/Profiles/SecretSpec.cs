using System.Text.Json.Serialization;
using McpShim.Json;

namespace McpShim.Profiles;

/// <summary>
/// A secret a profile needs: <c>"GITHUB_TOKEN"</c>, or <c>{ "name": "GITHUB_TOKEN", "from": "cmd:pass show github" }</c>.
/// Only the name is ever written anywhere; the value exists in mcpshim's memory and the server's environment.
/// </summary>
[JsonConverter(typeof(SecretSpecConverter))]
internal sealed class SecretSpec
{
    public string? Name { get; init; }

    /// <summary>Where to get it when neither the environment nor the secrets file has it: <c>cmd:COMMAND</c>.</summary>
    public string? From { get; init; }
}
