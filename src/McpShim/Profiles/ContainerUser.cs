using System.Globalization;

namespace McpShim.Profiles;

/// <summary>
/// A container user as numbers (issue 14): what the engine gets is always <c>UID:GID</c>, so no spelling of uid 0
/// (<c>00</c>, <c>+0</c>, <c>0:5</c>, <c>root</c>) can pass for another user, and no name is looked up in an image's
/// <c>/etc/passwd</c>, which the image controls. A uid alone gets the group of the same number.
/// </summary>
internal sealed record ContainerUser(uint Uid, uint Gid)
{
    /// <summary>The highest id accepted: the kernel's ids are 32-bit, and runc reads them as signed.</summary>
    private const uint MaxId = int.MaxValue;

    public bool IsRoot => Uid == 0;

    /// <summary><c>UID:GID</c>, in plain decimal.</summary>
    public override string ToString() =>
        Uid.ToString(CultureInfo.InvariantCulture) + ":" + Gid.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>UID</c> or <c>UID:GID</c> in decimal (a leading <c>+</c> or zeros allowed, as the engine allows them), or
    /// <c>root</c> (uid and gid 0). Names are not users here: null, with <paramref name="problem"/> saying why.
    /// </summary>
    public static ContainerUser? Parse(string text, out string problem)
    {
        problem = string.Empty;
        if (text is "root" or "root:root")
            return new ContainerUser(0, 0);
        var parts = text.Split(':');
        if (parts.Length > 2 || !TryId(parts[0], out var uid) || (parts.Length == 2 && !TryId(parts[1], out _)))
        {
            problem = $"'{ControlCharacters.Escape(text)}' is not a numeric user: use \"UID\" or \"UID:GID\" in decimal, e.g. \"1000:1000\" " +
                      "(mcpshim does not look names up in the image's /etc/passwd; \"root\" is the one name it knows, and needs \"unsafe\": [\"root\"]).";
            return null;
        }

        var gid = uid;
        if (parts.Length == 2)
            _ = TryId(parts[1], out gid);
        return new ContainerUser(uid, gid);
    }

    private static bool TryId(string text, out uint id)
    {
        id = 0;
        var digits = text.StartsWith('+') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || digits.TrimStart('0').Length > 10 ||
            !ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > MaxId)
        {
            return false;
        }

        id = (uint)value;
        return true;
    }
}
