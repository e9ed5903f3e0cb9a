using System.Numerics;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// What every MCP SDK checks once it has chosen a value for each field: "jsonrpc" is "2.0", "method" is a string, an
/// id is a string or a number the reader takes as an integer; tools/call names its tool in params.name. Only the
/// choice of value (which duplicate, which spelling of a key) and the reading of numbers differ by reader, so a
/// disagreement between emulations is one of reading, never of validation.
/// </summary>
internal abstract class MessageRules
{
    /// <summary>The member value the reader's decoder keeps for a field, or null when it keeps none.</summary>
    /// <param name="isString">The field is a Go string (null leaves it unset there).</param>
    public abstract TreeNode? Pick(TreeObject message, string field, bool isString);

    /// <summary>The integer a reader takes a number id for, or null when it rejects the message.</summary>
    public abstract BigInteger? IntegerId(string raw);

    public ReadMessage? ToMessage(TreeNode root)
    {
        if (root is not TreeObject message)
            return null;
        if (Pick(message, "jsonrpc", isString: true) is not TreeString { Value: "2.0" })
            return null;
        if (Pick(message, "method", isString: true) is not TreeString { Value: var method })
            return null; // an answer: the fuzzer sends none, and these servers make no requests
        string? id = null;
        switch (Pick(message, "id", isString: false))
        {
            case null:
                break;
            case TreeString s:
                id = RequestIdText.String(s.Value);
                break;
            case TreeNumber n when IntegerId(n.Raw) is { } integer:
                id = RequestIdText.Number(integer);
                break;
            default:
                return null;
        }
        string? tool = null;
        if (method == "tools/call" && Pick(message, "params", isString: false) is TreeObject parameters
            && Pick(parameters, "name", isString: true) is TreeString name)
            tool = name.Value;
        return new ReadMessage(method, id, tool);
    }

    /// <summary>The last member whose key equals the field exactly: JSON.parse, json.loads, System.Text.Json.</summary>
    protected static TreeNode? LastExact(TreeObject message, string field)
    {
        for (var i = message.Members.Count - 1; i >= 0; i--)
        {
            if (message.Members[i].Key == field)
                return message.Members[i].Value;
        }
        return null;
    }
}
