using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Unicode;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// The Python SDK's stdio reading: TextIOWrapper(encoding="utf-8") with universal newlines ('\r', '\n' and '\r\n' each
/// end a line), json.loads per line (the last of equal keys wins; NaN, Infinity and big integers are numbers), and
/// pydantic's lax int for ids (1.0 is 1). An undecodable byte raises in the SDK's read loop: nothing from that line on
/// is read.
/// </summary>
internal sealed class PythonUniversalNewlineReader : MessageRules, IReaderEmulation
{
    private static readonly SearchValues<char> NotAnInteger = SearchValues.Create(".eEaNIy");

    public string Name => "python-universal-newline";

    public IReadOnlyList<ReadMessage> Read(ReadOnlySpan<byte> stream)
    {
        var (text, complete) = DecodeUntilInvalid(stream);
        var lines = LineSplitter.Universal(text);
        if (!complete && lines.Count > 0 && !(text.EndsWith('\n') || text.EndsWith('\r')))
            lines.RemoveAt(lines.Count - 1); // the line holding the bad byte
        var messages = new List<ReadMessage>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                if (ToMessage(TreeParser.ParseDocument(line, TreeParserOptions.Python)) is { } message)
                    messages.Add(message);
            }
            catch (TreeSyntaxException)
            {
                // pydantic raised: the SDK reports it and reads on.
            }
        }
        return messages;
    }

    public override TreeNode? Pick(TreeObject message, string field, bool isString) => LastExact(message, field);

    public override BigInteger? IntegerId(string raw)
    {
        if (raw.AsSpan().IndexOfAny(NotAnInteger) < 0)
            return BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsInteger(value)
            ? new BigInteger(value)
            : null;
    }

    private static (string Text, bool Complete) DecodeUntilInvalid(ReadOnlySpan<byte> stream)
    {
        var chars = new char[stream.Length];
        var status = Utf8.ToUtf16(stream, chars, out _, out var written, replaceInvalidSequences: false);
        return (new string(chars, 0, written), status == OperationStatus.Done);
    }
}
