using Tomlyn.Syntax;

namespace McpShim.ClientConfig;

/// <summary>A <c>key = value</c> of a TOML text, by its full path from the root, and the depth of the table it is written in.</summary>
internal sealed record TomlKeyValueAt(List<string> Path, int TableDepth, KeyValueSyntax Syntax);
