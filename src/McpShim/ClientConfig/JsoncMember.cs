namespace McpShim.ClientConfig;

/// <summary>
/// One <c>"name": value</c> of a <see cref="JsoncObject"/>, as token indexes: the key, the value's first and last
/// token, and the comma after it (null for the last member without a trailing comma).
/// </summary>
internal sealed record JsoncMember(string Name, int Key, int ValueFirst, int ValueLast, int? Comma);
