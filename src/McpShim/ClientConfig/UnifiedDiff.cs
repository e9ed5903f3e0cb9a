using System.Text;

namespace McpShim.ClientConfig;

/// <summary>
/// A unified diff of two texts (<c>diff -u</c> style, 3 lines of context) for <c>--dry-run</c>. The common head and
/// tail are cut first, so a large file with a small edit costs little; the changed middle is aligned by LCS.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;
    private const int MaxAlignedLines = 4000;

    public static string Create(string before, string after, string beforeLabel, string afterLabel)
    {
        var a = Lines(before);
        var b = Lines(after);
        var ops = Align(a, b);
        var output = new StringBuilder();
        output.Append("--- ").Append(beforeLabel).Append('\n');
        output.Append("+++ ").Append(afterLabel).Append('\n');

        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from the first change, until Context*2 unchanged lines in a row (or the end).
            var start = Math.Max(0, i - Context);
            var end = i;
            var quiet = 0;
            for (var j = i; j < ops.Count && quiet <= Context * 2; j++)
            {
                quiet = ops[j].Kind == ' ' ? quiet + 1 : 0;
                end = j;
            }

            end = Math.Min(ops.Count - 1, end - Math.Max(0, quiet - Context));
            var hunk = ops.Skip(start).Take(end - start + 1).ToList();
            var oldStart = ops.Take(start).Count(o => o.Kind != '+');
            var newStart = ops.Take(start).Count(o => o.Kind != '-');
            var oldCount = hunk.Count(o => o.Kind != '+');
            var newCount = hunk.Count(o => o.Kind != '-');
            output.Append($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            foreach (var op in hunk)
                output.Append(op.Kind).Append(op.Line).Append('\n');
            i = end + 1;
        }

        return output.ToString();
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : $"{start + 1},{count}";

    private static string[] Lines(string text)
    {
        if (text.Length == 0)
            return [];
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static List<(char Kind, string Line)> Align(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
            head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
            tail++;

        var ops = new List<(char, string)>();
        ops.AddRange(a.Take(head).Select(l => (' ', l)));
        var midA = a[head..(a.Length - tail)];
        var midB = b[head..(b.Length - tail)];
        if (midA.Length > MaxAlignedLines || midB.Length > MaxAlignedLines)
        {
            ops.AddRange(midA.Select(l => ('-', l)));
            ops.AddRange(midB.Select(l => ('+', l)));
        }
        else
        {
            ops.AddRange(Lcs(midA, midB));
        }

        ops.AddRange(a.Skip(a.Length - tail).Select(l => (' ', l)));
        return ops;
    }

    private static List<(char, string)> Lcs(string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
        }

        var ops = new List<(char, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                ops.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                ops.Add(('-', a[x++]));
            }
            else
            {
                ops.Add(('+', b[y++]));
            }
        }

        return ops;
    }
}
