using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace McpShim.IntegrationTests.Differential;

/// <summary>One spelling for a request id whatever its JSON spelling: "n:5" for the number 5, "s:5" for "5".</summary>
internal static class RequestIdText
{
    public static string Number(BigInteger value) => "n:" + value.ToString(CultureInfo.InvariantCulture);

    public static string String(string value) => "s:" + value;

    /// <summary>The id of an audit line or a server's call record (a JSON number or string); null for anything else.</summary>
    public static string? Of(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => String(id.GetString()!),
        JsonValueKind.Number when BigInteger.TryParse(id.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => Number(n),
        JsonValueKind.Number when double.TryParse(id.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsInteger(d) => Number(new BigInteger(d)),
        _ => null,
    };
}
