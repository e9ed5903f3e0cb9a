using System.Text;

namespace McpShim.Inspection;

/// <summary>Renders an argument list as one POSIX shell line, quoting only what needs it, for people to read or paste.</summary>
internal static class ShellWords
{
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(IsSafe))
            return argument;
        var sb = new StringBuilder(argument.Length + 2).Append('\'');
        foreach (var c in argument)
            sb.Append(c == '\'' ? "'\\''" : c.ToString());
        return sb.Append('\'').ToString();
    }

    private static bool IsSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or ',' or '@' or '+' or '%';
}
