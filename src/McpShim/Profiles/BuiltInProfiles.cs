namespace McpShim.Profiles;

/// <summary>
/// Profiles that work with no profiles file, for the images under <c>images/</c>. A user's profile of the same name
/// replaces the built-in one.
/// </summary>
internal static class BuiltInProfiles
{
    public const string Source = "built-in";

    public const string Json = """
        {
          "profiles": {
            "everything": {
              "description": "MCP reference test server (@modelcontextprotocol/server-everything)",
              "image": "mcpshim/everything:latest",
              "mode": "run",
              "network": "none"
            }
          }
        }
        """;
}
