using System.Globalization;
using System.Text;

namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>A horizontal bar chart as inline SVG: a label, a bar as long as its share of the largest, and the count.</summary>
internal static class HtmlBarChart
{
    private const int LabelWidth = 190;
    private const int BarSpace = 300;
    private const int CountWidth = 50;
    private const int RowHeight = 24;
    private const int BarHeight = 16;

    public sealed record Bar(string Label, int Count, KmsFindingSeverity Severity);

    public static void Append(StringBuilder html, string id, IReadOnlyList<Bar> bars)
    {
        var width = LabelWidth + BarSpace + CountWidth;
        var height = Math.Max(1, bars.Count) * RowHeight;
        var largest = Math.Max(1, bars.Max(bar => bar.Count));
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * RowHeight;
            var length = bar.Count == 0 ? 0 : Math.Max(2, bar.Count * BarSpace / largest);
            var label = HtmlReport.Encode(bar.Label);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-label=\"{label}\" data-count=\"{bar.Count}\"><title>{label}: {bar.Count}</title>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 16}\">{label}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"{HtmlReport.SeverityClass(bar.Severity)}\" x=\"{LabelWidth}\" y=\"{y + (RowHeight - BarHeight) / 2}\" width=\"{length}\" height=\"{BarHeight}\"></rect>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6}\" y=\"{y + 16}\">{bar.Count}</text></g>\n");
        }
        html.Append("</svg>\n");
    }
}
