using System.Globalization;
using System.Numerics;
using System.Text;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// The TypeScript SDK's stdio reading: split on '\n', drop one trailing '\r', decode UTF-8 with U+FFFD for bad bytes,
/// JSON.parse the line (the last of equal keys wins, no NaN), then zod: an id is a string or a safe integer.
/// </summary>
internal sealed class JavaScriptLineReader : MessageRules, IReaderEmulation
{
    private const double MaxSafeInteger = 9_007_199_254_740_991;

    public string Name => "typescript-sdk";

    public IReadOnlyList<ReadMessage> Read(ReadOnlySpan<byte> stream)
    {
        var messages = new List<ReadMessage>();
        foreach (var range in LineSplitter.OnLineFeed(stream))
        {
            var line = stream[range];
            if (line.Length > 0 && line[^1] == (byte)'\r')
                line = line[..^1];
            try
            {
                if (ToMessage(TreeParser.ParseDocument(Encoding.UTF8.GetString(line), TreeParserOptions.JavaScript)) is { } message)
                    messages.Add(message);
            }
            catch (TreeSyntaxException)
            {
                // JSON.parse threw: the SDK reports it and reads on.
            }
        }
        return messages;
    }

    public override TreeNode? Pick(TreeObject message, string field, bool isString) => LastExact(message, field);

    public override BigInteger? IntegerId(string raw) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsInteger(value) && Math.Abs(value) <= MaxSafeInteger
            ? new BigInteger(value)
            : null;
}
