using System.Globalization;
using System.Text;

namespace McpShim.Policy.Schema;

/// <summary>
/// Where a value sits in the arguments, built as the validator descends and written out only for a violation:
/// <c>$</c>, <c>$.path</c>, <c>$.tags[0]</c>, <c>$['odd key']</c>.
/// </summary>
internal sealed class InstancePath
{
    private readonly InstancePath? _parent;
    private readonly string? _property;
    private readonly int _index;

    private InstancePath(InstancePath? parent, string? property, int index)
    {
        _parent = parent;
        _property = property;
        _index = index;
    }

    public static InstancePath Root { get; } = new(null, null, -1);

    public InstancePath Property(string name) => new(this, name, -1);

    public InstancePath Item(int index) => new(this, null, index);

    public override string ToString()
    {
        var segments = new Stack<InstancePath>();
        for (var p = this; p._parent is not null; p = p._parent)
            segments.Push(p);
        var text = new StringBuilder("$");
        foreach (var segment in segments)
        {
            if (segment._property is null)
                text.Append(CultureInfo.InvariantCulture, $"[{segment._index}]");
            else if (IsIdentifier(segment._property))
                text.Append('.').Append(segment._property);
            else
                text.Append("['").Append(segment._property.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }

        return text.ToString();
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '-');
}
