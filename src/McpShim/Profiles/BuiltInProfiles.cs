namespace McpShim.Profiles;

/// <summary>
/// Profiles that work with no profiles file, for the images under <c>images/</c>. A user's profile of the same name
/// replaces the built-in one. Each has a <c>smoke</c> section for <c>mcpshim test</c>; its calls only read, so testing
/// the memory profile never changes the knowledge graph on its volume.
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
              "network": "none",
              "smoke": {
                "calls": [
                  { "tool": "echo", "arguments": { "message": "hi from mcpshim test" }, "expect": { "contains": "hi from mcpshim test" } },
                  { "tool": "get-sum", "arguments": { "a": 1, "b": 2 }, "expect": { "contains": "3" } },
                  {
                    "tool": "get-structured-content",
                    "arguments": { "location": "Chicago" },
                    "expect": { "structuredContent": { "$.temperature": 36, "$.conditions": "Light rain / drizzle" } }
                  }
                ]
              }
            },
            "filesystem": {
              "description": "Files of the folder the MCP client starts it in (its project folder), read-only at /workspace (@modelcontextprotocol/server-filesystem). Add your own filesystem profile to serve another folder or allow writes",
              "image": "mcpshim/filesystem:latest",
              "mode": "run",
              "network": "none",
              "volumes": [ { "host": ".", "container": "/workspace", "readOnly": true } ],
              "smoke": {
                "calls": [
                  { "tool": "list_allowed_directories", "arguments": {}, "expect": { "contains": "/workspace" } }
                ]
              }
            },
            "sequential-thinking": {
              "description": "Step-by-step thinking tool (@modelcontextprotocol/server-sequential-thinking)",
              "image": "mcpshim/sequential-thinking:latest",
              "mode": "run",
              "network": "none",
              "smoke": {
                "calls": [
                  {
                    "tool": "sequentialthinking",
                    "arguments": { "thought": "mcpshim smoke test", "thoughtNumber": 1, "totalThoughts": 1, "nextThoughtNeeded": false },
                    "expect": { "structuredContent": { "$.thoughtNumber": 1, "$.nextThoughtNeeded": false } }
                  }
                ]
              }
            },
            "memory": {
              "description": "Knowledge-graph memory (@modelcontextprotocol/server-memory); kept in the named volume mcpshim-memory, so it outlives sessions",
              "image": "mcpshim/memory:latest",
              "mode": "run",
              "network": "none",
              "volumes": [ { "volume": "mcpshim-memory", "container": "/data", "readOnly": false } ],
              "smoke": {
                "calls": [
                  { "tool": "read_graph", "arguments": {}, "expect": { "isError": false } }
                ]
              }
            },
            "context7": {
              "description": "Up-to-date library docs (@upstash/context7-mcp). NEEDS NETWORK EGRESS: runs on the bridge network to reach https://context7.com; for higher rate limits, add \"secrets\": [\"CONTEXT7_API_KEY\"] in your own context7 profile",
              "image": "mcpshim/context7:latest",
              "mode": "run",
              "network": "bridge"
            }
          }
        }
        """;
}
