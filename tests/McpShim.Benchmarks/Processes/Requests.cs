using System.Globalization;
using System.Text;

namespace McpShim.Benchmarks.Processes;

/// <summary>Request frames built before timing starts, so the client side costs a write and nothing else.</summary>
internal static class Requests
{
    public static byte[] Initialize(long id) => Frame(
        id,
        "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"mcpshim-bench\",\"version\":\"1.0.0\"}}");

    public static byte[] Initialized { get; } = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"u8.ToArray();

    public static byte[] Ping(long id) => Frame(id, "\"method\":\"ping\"");

    /// <summary>One buffer holding <paramref name="count"/> pings with consecutive ids.</summary>
    public static byte[] Pings(long firstId, int count)
    {
        using var all = new MemoryStream(count * 48);
        for (var i = 0; i < count; i++)
            all.Write(Ping(firstId + i));
        return all.ToArray();
    }

    private static byte[] Frame(long id, string rest) =>
        Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(CultureInfo.InvariantCulture) + "," + rest + "}\n");
}
