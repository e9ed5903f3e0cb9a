using System.Globalization;
using System.Numerics;
using System.Text;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// A Go server on encoding/json's Decoder (the official Go SDK): successive values whatever the newlines, bad UTF-8
/// inside strings made U+FFFD byte by byte, a syntax error ending the reading for good; keys matched to struct fields
/// case-insensitively under Go's folding (<see cref="GoFold"/>), the last matching key winning and null leaving a
/// string field unset; a number id is a float64 the SDK truncates to int64.
/// </summary>
internal sealed class GoDecoderReader : MessageRules, IReaderEmulation
{
    private const double TwoPow63 = 9_223_372_036_854_775_808d;

    public string Name => "go-decoder";

    public IReadOnlyList<ReadMessage> Read(ReadOnlySpan<byte> stream)
    {
        var text = DecodeByteByByte(stream);
        var parser = new TreeParser(text, TreeParserOptions.Go);
        var messages = new List<ReadMessage>();
        var position = 0;
        while (true)
        {
            position = parser.SkipWhitespace(position);
            if (position >= text.Length)
                return messages;
            TreeNode value;
            try
            {
                (value, position) = parser.ParseValue(position);
            }
            catch (TreeSyntaxException)
            {
                return messages; // Decode's error is sticky
            }
            if (ToMessage(value) is { } message)
                messages.Add(message);
        }
    }

    public override TreeNode? Pick(TreeObject message, string field, bool isString)
    {
        for (var i = message.Members.Count - 1; i >= 0; i--)
        {
            var member = message.Members[i];
            if (!GoFold.Equal(member.Key, field))
                continue;
            if (isString && member.Value is TreeLiteral { IsNull: true })
                continue;
            return member.Value;
        }
        return null;
    }

    public override BigInteger? IntegerId(string raw) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value) && Math.Abs(value) < TwoPow63
            ? new BigInteger(Math.Truncate(value))
            : null;

    /// <summary>utf8.DecodeRune's way: a valid sequence is one rune, anything else one U+FFFD per byte.</summary>
    public static string DecodeByteByByte(ReadOnlySpan<byte> stream)
    {
        var builder = new StringBuilder(stream.Length);
        while (!stream.IsEmpty)
        {
            if (stream[0] < 0x80)
            {
                builder.Append((char)stream[0]);
                stream = stream[1..];
                continue;
            }
            var status = Rune.DecodeFromUtf8(stream, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                if (rune.IsBmp)
                    builder.Append((char)rune.Value);
                else
                    builder.Append(rune.ToString());
                stream = stream[consumed..];
            }
            else
            {
                builder.Append('\uFFFD');
                stream = stream[1..];
            }
        }
        return builder.ToString();
    }
}
