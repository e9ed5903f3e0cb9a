namespace McpShim.ClientConfig;

/// <summary>One <c>key: value</c> of a YAML mapping, located.</summary>
internal sealed record YamlMember(YamlOutline Key, YamlOutline Value);
