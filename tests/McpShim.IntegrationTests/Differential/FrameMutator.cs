using System.Globalization;
using System.Text;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// Seeded mutations of valid MCP frames, aimed at the places readers part (issue 13): duplicate keys in every
/// spelling, '\r' and '\n' inside a line, deep nesting, id spellings, a second value, bad UTF-8, NaN, whitespace,
/// padding around the inspection window and the frame limit, escapes in keys, methods and tool names, byte flips.
/// Each frame gets the id it is given, so any disagreement names the frame that caused it.
/// </summary>
internal sealed class FrameMutator(int seed, long maxFrameBytes)
{
    private static readonly string[] Tools = ["echo", "write_file", "delete_all"];

    private readonly Random _random = new(seed);

    public FuzzFrame Next(long id)
    {
        var notes = new List<string>();
        var frame = BaseFrame(id, notes);
        var mutations = _random.Next(10) < 3 ? 0 : 1 + _random.Next(3);
        for (var i = 0; i < mutations; i++)
            Mutate(frame, id, notes);
        var bytes = MutateBytes(frame.Render(_random), notes);
        return new FuzzFrame(id, [.. bytes, (byte)'\n'], string.Join(' ', notes));
    }

    private FrameShape BaseFrame(long id, List<string> notes)
    {
        var kind = _random.Next(100);
        var idText = id.ToString(CultureInfo.InvariantCulture);
        if (kind < 55)
        {
            var tool = Tools[_random.Next(kind < 40 ? 1 : Tools.Length)];
            notes.Add($"call:{tool}");
            var arguments = new FrameShape().Add("message", Quote(Word()));
            var parameters = new FrameShape().Add("name", Quote(tool)).Add("arguments", arguments);
            return Envelope(idText, "tools/call").Add("params", parameters);
        }
        if (kind < 70)
        {
            notes.Add("list");
            return Envelope(idText, "tools/list");
        }
        if (kind < 92)
        {
            notes.Add("ping");
            return Envelope(idText, "ping");
        }
        notes.Add("notification");
        return new FrameShape().Add("jsonrpc", "\"2.0\"").Add("method", "\"notifications/progress\"")
            .Add("params", new FrameShape().Add("progressToken", idText).Add("progress", "1"));
    }

    private static FrameShape Envelope(string id, string method) =>
        new FrameShape().Add("jsonrpc", "\"2.0\"").Add("id", id).Add("method", Quote(method));

    private void Mutate(FrameShape frame, long id, List<string> notes)
    {
        switch (_random.Next(14))
        {
            case 0 or 1 or 2:
                DuplicateKey(frame, notes);
                break;
            case 3:
                frame.Set("id", IdSpelling(id, notes));
                break;
            case 4:
                var depth = Pick(10, 62, 63, 64, 65, 100, 300);
                notes.Add($"nest:{depth}");
                ParamsOf(frame).Add("_meta", new FrameShape().Add("deep", Nested(depth)));
                break;
            case 5:
                EscapeSomething(frame, notes);
                break;
            case 6:
                notes.Add("nan");
                ArgumentsOf(frame).Add("n", Pick("NaN", "Infinity", "-Infinity", "1e400", "-0", "1E+2"));
                break;
            case 7:
                var size = PaddingSize();
                notes.Add($"pad:{size}");
                ArgumentsOf(frame).Add("pad", Quote(new string('p', size)));
                break;
            case 8:
                notes.Add("whitespace");
                frame.Whitespace = true;
                break;
            case 9:
                notes.Add("trailing-value");
                frame.Trailer = Pick(" ", "", "\t", "  ") + Pick(
                    Envelope($"{id}0", "tools/call").Add("params", new FrameShape().Add("name", "\"delete_all\"")).ToString(),
                    "5", "[]", "{}", "\"x\"", "null");
                break;
            case 10:
                notes.Add("bare-cr-between");
                frame.Trailer = "\r" + Envelope($"{id}1", "tools/call").Add("params", new FrameShape().Add("name", Quote(Tools[_random.Next(3)]))).ToString();
                break;
            case 11:
                notes.Add("go-fold-key");
                var (key, folded) = Pick(("id", "ıd"), ("id", "İD"), ("params", "paramſ"), ("method", "METHOD"), ("jsonrpc", "JSONRPC"));
                if (frame.Get(key) is { } value)
                    frame.Add(folded, key == "method" ? "\"tools/call\"" : value);
                break;
            case 12:
                notes.Add("key-chars");
                ArgumentsOf(frame).Add(Pick("link", "lin\u212A", "mask", "maſk", "a\u0000b", "é", "\u00e9"), "1");
                break;
            default:
                notes.Add("reorder");
                frame.Shuffle(_random);
                break;
        }
    }

    private void DuplicateKey(FrameShape frame, List<string> notes)
    {
        var level = _random.Next(3);
        var target = level switch { 0 => frame, 1 => ParamsOf(frame), _ => ArgumentsOf(frame) };
        var (key, value) = level switch
        {
            0 => Pick(("method", Quote(Pick("tools/call", "ping", "tools/list"))), ("id", _random.Next(1000).ToString(CultureInfo.InvariantCulture)),
                ("params", new FrameShape().Add("name", "\"delete_all\"").ToString()), ("jsonrpc", "\"1.0\"")),
            1 => Pick(("name", Quote(Pick(Tools))), ("arguments", "{}"), ("_meta", "{}")),
            _ => ("message", Quote("dup")),
        };
        var spelling = KeySpelling(key);
        notes.Add($"dup:{level}:{key}:{spelling}");
        target.Insert(_random.Next(target.Count + 1), spelling, value);
    }

    /// <summary>The key as JSON text: exact, one letter \u-escaped, upper-cased, or a Go-fold twin.</summary>
    private string KeySpelling(string key)
    {
        switch (_random.Next(5))
        {
            case 0:
                return Quote(key);
            case 1:
                var at = _random.Next(key.Length);
                return "\"" + key[..at] + $"\\u{(int)key[at]:x4}" + key[(at + 1)..] + "\"";
            case 2:
                return Quote(key.ToUpperInvariant());
            case 3:
                return Quote(char.ToUpperInvariant(key[0]) + key[1..]);
            default:
                return Quote(key.Replace('s', 'ſ').Replace('k', '\u212A').Replace('i', 'ı'));
        }
    }

    private string IdSpelling(long id, List<string> notes)
    {
        var spelling = _random.Next(14) switch
        {
            0 => $"{id}.0",
            1 => $"{id}e0",
            2 => $"{id}0e-1",
            3 => $"{id}E+0",
            4 => "-0",
            5 => $"\"{id}\"",
            6 => "\"" + string.Concat(id.ToString(CultureInfo.InvariantCulture).Select(c => $"\\u{(int)c:x4}")) + "\"",
            7 => "9007199254740992",
            8 => "9007199254740993",
            9 => $"0{id}",
            10 => $"-{id}",
            11 => "18446744073709551617",
            12 => $"{id}.5",
            _ => "\"" + $"id\\\"{id}" + "\"",
        };
        notes.Add($"id:{spelling}");
        return spelling;
    }

    private void EscapeSomething(FrameShape frame, List<string> notes)
    {
        switch (_random.Next(3))
        {
            case 0 when frame.Has("method"):
                notes.Add("escaped-method");
                frame.Set("method", Pick("\"tools\\/call\"", "\"tools\\u002fcall\"", "\"tool\\u0073/call\"", "\"\\u0070ing\""));
                break;
            case 1 when frame.Get("params") is not null:
                notes.Add("escaped-tool");
                ParamsOf(frame).Set("name", Pick("\"delete\\u005fall\"", "\"\\u0064elete_all\"", "\"ech\\u006f\"", "\"delete_all\\u0000\"", "\"DELETE_ALL\""));
                break;
            default:
                notes.Add("escaped-key");
                var key = Pick("jsonrpc", "id", "method", "params");
                if (frame.Has(key))
                    frame.Rename(key, "\"" + $"\\u{(int)key[0]:x4}" + key[1..] + "\"");
                break;
        }
    }

    private List<byte> MutateBytes(byte[] rendered, List<string> notes)
    {
        var bytes = rendered.ToList();
        var roll = _random.Next(100);
        if (roll < 6)
        {
            notes.Add("flip");
            for (var i = 1 + _random.Next(3); i > 0; i--)
                bytes[_random.Next(bytes.Count)] = (byte)Pick<int>(_random.Next(256), '\r', '\n', '"', '\\', '{', '}', ',', ':', ' ');
        }
        else if (roll < 10)
        {
            notes.Add("bad-utf8");
            var inside = bytes.LastIndexOf((byte)'"');
            bytes.InsertRange(Math.Max(0, inside), Pick<byte[]>([0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80]));
        }
        else if (roll < 14)
        {
            notes.Add("bare-cr-inside");
            bytes.Insert(1 + _random.Next(bytes.Count - 1), (byte)'\r');
        }
        else if (roll < 18)
        {
            notes.Add("crlf");
            bytes.Add((byte)'\r');
        }
        else if (roll < 20)
        {
            notes.Add("blank-lines");
            bytes.InsertRange(0, "\n\r\n \n"u8.ToArray());
        }
        else if (roll < 21)
        {
            notes.Add("bom");
            bytes.InsertRange(0, "\uFEFF"u8.ToArray());
        }
        else if (roll == 21 && _random.Next(50) == 0)
        {
            var spaces = (int)Math.Min(int.MaxValue, maxFrameBytes + _random.Next(1024) - bytes.Count / 2);
            notes.Add($"trailing-spaces:{spaces}");
            bytes.AddRange(Enumerable.Repeat((byte)' ', Math.Max(0, spaces)));
        }
        return bytes;
    }

    private int PaddingSize()
    {
        // Mostly small; around the 256 KiB inspection window; rarely around the frame limit.
        var roll = _random.Next(1000);
        return roll < 960 ? _random.Next(4096)
            : roll < 995 ? 256 * 1024 - 512 + _random.Next(1024)
            : (int)Math.Min(int.MaxValue - 1, maxFrameBytes - 2048 + _random.Next(4096));
    }

    private static string Nested(int depth)
    {
        var builder = new StringBuilder(depth * 8);
        for (var i = 0; i < depth; i++)
            builder.Append(i % 2 == 0 ? "[" : "{\"k\":");
        for (var i = depth - 1; i >= 0; i--)
            builder.Append(i % 2 == 0 ? "]" : "}");
        return builder.ToString();
    }

    private static FrameShape ParamsOf(FrameShape frame)
    {
        if (frame.Get("params") is FrameShape parameters)
            return parameters;
        var created = new FrameShape();
        frame.Add("params", created);
        return created;
    }

    private static FrameShape ArgumentsOf(FrameShape frame)
    {
        var parameters = ParamsOf(frame);
        if (parameters.Get("arguments") is FrameShape arguments)
            return arguments;
        var created = new FrameShape();
        parameters.Add("arguments", created);
        return created;
    }

    private string Word() => new(Enumerable.Range(0, 1 + _random.Next(12)).Select(_ => (char)('a' + _random.Next(26))).ToArray());

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private static string Quote(string text) => FrameShape.Quote(text);
}
