using Tomlyn.Syntax;

namespace McpShim.ClientConfig;

/// <summary>A <c>[table]</c> or <c>[[array]]</c> header's table of a TOML text, with its key path unquoted.</summary>
internal sealed record TomlTableAt(List<string> Path, TableSyntaxBase Syntax);
