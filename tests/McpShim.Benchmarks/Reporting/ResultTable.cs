using System.Text;

namespace McpShim.Benchmarks.Reporting;

/// <summary>
/// One comparison table: a baseline column, a shim column, how they compare and the target; then, in wider tables, a
/// value and a comparison for each further set-up.
/// </summary>
internal sealed class ResultTable(string title, string[] header)
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    public ResultTable(string title, string baseline, string shim)
        : this(title, ["metric", baseline, shim, "vs baseline", "target", "met"])
    {
    }

    public string Title => title;

    public void Add(string metric, string baselineValue, string shimValue, string comparison = "", string target = "", bool? met = null) =>
        AddRow([metric, baselineValue, shimValue, comparison, target, Met(met)]);

    /// <summary>A row of every column, in the header's order.</summary>
    public void AddRow(string[] cells)
    {
        if (cells.Length != header.Length)
            throw new ArgumentException($"{cells.Length} cells for {header.Length} columns", nameof(cells));
        _rows.Add(cells);
    }

    public static string Met(bool? met) => met switch { true => "ok", false => "MISS", null => "" };

    public void Note(string note) => _notes.Add(note);

    public string Render(bool markdown)
    {
        var text = new StringBuilder();
        text.AppendLine(markdown ? $"### {title}" : title).AppendLine();
        if (_rows.Count > 0)
        {
            if (markdown)
                RenderMarkdown(text, header);
            else
                RenderAligned(text, header);
        }

        foreach (var note in _notes)
            text.AppendLine(markdown ? $"- {note}" : $"  * {note}");
        return text.ToString();
    }

    private void RenderMarkdown(StringBuilder text, string[] header)
    {
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select((_, i) => i == 0 ? " --- |" : " ---: |")));
        foreach (var row in _rows)
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        text.AppendLine();
    }

    private void RenderAligned(StringBuilder text, string[] header)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, _rows.Max(r => r[i].Length))).ToArray();
        void Line(string[] cells) =>
            text.AppendLine("  " + string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        Line(header);
        text.AppendLine("  " + new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        foreach (var row in _rows)
            Line(row);
        text.AppendLine();
    }
}
