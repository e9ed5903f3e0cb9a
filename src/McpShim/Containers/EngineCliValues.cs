using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>
/// The one check every engine CLI argument mcpshim builds goes through (issue 14): a value may not hold a control
/// character (a newline ends the CLI's CSV reading of <c>--mount</c>, silently dropping what follows), nor the
/// separator of the flag it goes to (<c>,</c> and <c>"</c> in <c>--mount</c> options, <c>=</c> in the name of a
/// <c>--label</c> or <c>-e</c>, <c>,</c> and <c>=</c> in <c>--network</c>), so no value can be read as another option.
/// The Engine API takes these values as typed JSON and needs none of this.
/// </summary>
internal static class EngineCliValues
{
    /// <summary>The way out for a value that only the CLI cannot carry.</summary>
    public const string UseTheApi =
        "or let mcpshim reach the Docker Engine API (a local unix socket or a plain tcp:// host, without MCPSHIM_EXEC_VIA=cli), which takes it as typed JSON";

    /// <summary>Separators of one <c>--mount</c> option's value (the CLI reads the flag as one CSV record).</summary>
    public const string MountSeparators = ",\"";

    /// <summary><paramref name="value"/>, when the CLI reads it as one value of <paramref name="flag"/>; else a <see cref="StartupException"/>.</summary>
    /// <param name="field">What the value is, for the message: a profile's JSON path, or the file it came from.</param>
    /// <param name="fix">What the user can do instead.</param>
    public static string Checked(string value, string flag, string separators, string field, string fix)
    {
        var at = value.AsSpan().IndexOfAny(separators);
        var control = value.AsSpan()[..(at < 0 ? value.Length : at)].IndexOfAny(ControlCharacters.All);
        at = control >= 0 ? control : at;
        if (at < 0)
            return value;
        var what = value[at] switch
        {
            '\n' => "a newline",
            ',' => "a ','",
            '=' => "a '='",
            '"' => "a '\"'",
            _ => $"the control character \\u{(int)value[at]:x4}",
        };
        throw new StartupException(
            $"{field}: '{ControlCharacters.Escape(value)}' cannot be passed safely to the engine CLI's {flag}: it holds {what}, " +
            $"which the CLI would read as the end of the value or the start of another option. {fix}");
    }

    /// <summary>One <c>KEY=VALUE</c> option of a <c>--mount</c> flag.</summary>
    public static string MountOption(string key, string value, string field, string fix) =>
        key + "=" + Checked(value, "--mount", MountSeparators, field, fix);
}
