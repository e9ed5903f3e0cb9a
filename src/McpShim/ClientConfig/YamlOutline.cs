using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace McpShim.ClientConfig;

/// <summary>
/// A node of a YAML text and where it is, read from YamlDotNet's parser events: enough to edit the text around it.
/// <see cref="End"/> is where its content ends (after its last scalar or closing bracket), not where the parser
/// closes a block collection (at the next token, past blank lines and comments); YamlDotNet marks a closing bracket
/// at the bracket itself.
/// </summary>
internal sealed class YamlOutline
{
    private YamlOutline(ParsingEvent start, long end, List<YamlMember>? members, bool flow)
    {
        Start = start;
        Begin = checked((int)start.Start.Index);
        End = checked((int)end);
        Members = members;
        Flow = flow;
    }

    /// <summary>The event that starts the node: a scalar, an alias, or a mapping or sequence start.</summary>
    public ParsingEvent Start { get; }

    /// <summary>Where the node starts in the text.</summary>
    public int Begin { get; }

    public int End { get; }

    /// <summary>A mapping's keys and values, in order; null for anything else.</summary>
    public List<YamlMember>? Members { get; }

    /// <summary>Written in flow style (<c>{...}</c>, <c>[...]</c>) rather than one item per line.</summary>
    public bool Flow { get; }

    public Scalar? Scalar => Start as Scalar;

    /// <summary>The root node of the text's one document, or null when it holds none (empty, or comments only). The text is valid YAML.</summary>
    public static YamlOutline? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
            return null;
        parser.Consume<DocumentStart>();
        return ReadNode(parser);
    }

    /// <summary>The value of a mapping's member named <paramref name="key"/>, with its key, or null.</summary>
    public YamlMember? Member(string key) => Members?.Find(m => m.Key.Scalar?.Value == key);

    private static YamlOutline ReadNode(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
            return new YamlOutline(scalar, scalar.End.Index, null, false);
        if (parser.TryConsume<AnchorAlias>(out var alias))
            return new YamlOutline(alias, alias.End.Index, null, false);
        if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            var end = sequence.End.Index;
            SequenceEnd close;
            while (!parser.TryConsume(out close!))
                end = ReadNode(parser).End;
            return new YamlOutline(sequence, sequence.Style == SequenceStyle.Flow ? close.Start.Index + 1 : end, null, sequence.Style == SequenceStyle.Flow);
        }

        var mapping = parser.Consume<MappingStart>();
        var members = new List<YamlMember>();
        var last = mapping.End.Index;
        MappingEnd closing;
        while (!parser.TryConsume(out closing!))
        {
            var key = ReadNode(parser);
            var value = ReadNode(parser);
            members.Add(new YamlMember(key, value));
            last = Math.Max(key.End, value.End);
        }

        var flow = mapping.Style == MappingStyle.Flow;
        return new YamlOutline(mapping, flow ? closing.Start.Index + 1 : last, members, flow);
    }
}
