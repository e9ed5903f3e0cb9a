using System.Text.Json;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>Hand-written MCP frames for tests that talk to mcpshim without the SDK.</summary>
internal static class JsonRpcFrames
{
    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcpshim-integration-tests","version":"1.0.0"}}}""";

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    public static string ListTools(int id) => $$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/list"}""";

    public static string Echo(int id, string message) =>
        $$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/call","params":{"name":"echo","arguments":{"message":""" +
        JsonSerializer.Serialize(message) + "}}}";
}
