using System.Text;

namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>
/// The CSV form: a header, then one row per finding with every field (<see cref="ComplianceReportFields"/>), each
/// quoted as RFC 4180 says (quotes doubled, line breaks kept inside the quotes), rows ended with CRLF, as Export-Csv
/// writes and Import-Csv reads. Values are written as they are: a spreadsheet that runs formulas from a cell holding
/// key policy text is the spreadsheet's risk, as with Export-Csv.
/// </summary>
internal static class CsvReport
{
    public static string Render(ComplianceReport report)
    {
        var text = new StringBuilder();
        AppendRow(text, ComplianceReportFields.All.Select(field => field.Name));
        foreach (var finding in report.Findings) AppendRow(text, ComplianceReportFields.All.Select(field => field.Text(finding)));
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IEnumerable<string> values)
    {
        text.AppendJoin(',', values.Select(value => '"' + value.Replace("\"", "\"\"", StringComparison.Ordinal) + '"'));
        text.Append("\r\n");
    }
}
