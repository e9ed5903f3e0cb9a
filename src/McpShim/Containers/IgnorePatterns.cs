using System.Text;
using System.Text.RegularExpressions;

namespace McpShim.Containers;

/// <summary>
/// The patterns of a <c>.mcpignore</c> file, in gitignore syntax (seed 000's <c>.mcp-ignore</c>): <c>*</c>, <c>?</c>,
/// <c>[...]</c>, <c>**</c>, a leading <c>/</c> anchors to the mounted folder, a trailing <c>/</c> matches folders
/// only, <c>!</c> re-includes, <c>#</c> starts a comment. The last matching pattern wins, as in git.
/// </summary>
internal sealed class IgnorePatterns
{
    private readonly List<(Regex Pattern, bool Negated, bool FoldersOnly)> _rules = [];

    public static IgnorePatterns Parse(IEnumerable<string> lines)
    {
        var patterns = new IgnorePatterns();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (!line.EndsWith("\\ ", StringComparison.Ordinal))
                line = line.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var negated = line.StartsWith('!');
            if (negated)
                line = line[1..];
            if (line.StartsWith("\\#", StringComparison.Ordinal) || line.StartsWith("\\!", StringComparison.Ordinal))
                line = line[1..];
            var foldersOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0)
                continue;
            // A pattern with a slash (other than a trailing one) is relative to the folder; otherwise it matches at any depth.
            var anchored = line.Contains('/');
            line = line.TrimStart('/');
            var regex = "^" + (anchored ? string.Empty : "(?:.*/)?") + Translate(line) + "\\z";
            // Singleline: a file name may hold a newline, and '.' must match it as any other character (issue 14).
            patterns._rules.Add((new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.Singleline), negated, foldersOnly));
        }

        return patterns;
    }

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>Whether a path relative to the mounted folder (with '/' separators) is ignored.</summary>
    public bool IsIgnored(string relativePath, bool isFolder)
    {
        var ignored = false;
        foreach (var (pattern, negated, foldersOnly) in _rules)
        {
            if (foldersOnly && !isFolder)
                continue;
            if (pattern.IsMatch(relativePath))
                ignored = !negated;
        }

        return ignored;
    }

    private static string Translate(string glob)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                    sb.Append(slashAfter ? "(?:.*/)?" : ".*");
                    i += slashAfter ? 2 : 1;
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    var set = glob[(i + 1)..close];
                    sb.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < glob.Length:
                    sb.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return sb.ToString();
    }
}
