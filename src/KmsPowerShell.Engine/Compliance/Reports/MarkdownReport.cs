using System.Text;

namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>
/// The markdown form, for a pull request or a runbook log: when and from what it was made, a summary table (findings
/// by account and region and severity), then a table of the findings worst first. Every value is escaped so that it
/// stays in its cell and renders as the text it is: a pipe or line break cannot end a cell, and markup in a policy
/// (a link, emphasis, HTML) shows as written.
/// </summary>
internal static class MarkdownReport
{
    private static readonly string[] FindingColumns =
        ["Severity", "Check", "Account", "Region", "Key", "Problem", "Evidence", "Remediation", "Security Hub", "CIS"];

    public static string Render(ComplianceReport report)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(Escape(report.Title)).Append("\n\n");
        text.Append(report.Provenance).Append("\n\n");
        if (report.Findings.Count == 0)
        {
            text.Append("No findings.\n");
            return text.ToString();
        }
        AppendSummary(text, report);
        text.Append("\n## Findings\n\n");
        AppendRow(text, FindingColumns);
        AppendRow(text, FindingColumns.Select(_ => "---"));
        foreach (var finding in report.WorstFirst) AppendRow(text, Cells(finding));
        return text.ToString();
    }

    private static void AppendSummary(StringBuilder text, ComplianceReport report)
    {
        var severities = ComplianceReport.SeveritiesWorstFirst;
        text.Append("## Summary\n\n");
        AppendRow(text, ["Account", "Region", .. severities.Select(s => s.ToString()), "Total"]);
        AppendRow(text, ["---", "---", .. severities.Select(_ => "---:"), "---:"]);
        foreach (var scope in report.ByScope)
        {
            AppendRow(text, [Escape(scope.Account), Escape(scope.Region), .. Counts(scope.Counts)]);
        }
        AppendRow(text, ["**All**", "", .. Counts(report.BySeverity).Select(count => $"**{count}**")]);
    }

    private static IEnumerable<string> Counts(SeverityCounts counts) =>
        [.. ComplianceReport.SeveritiesWorstFirst.Select(s => counts[s].ToString(System.Globalization.CultureInfo.InvariantCulture)),
         counts.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    private static IEnumerable<string> Cells(KmsComplianceFinding finding) =>
    [
        finding.Severity.ToString(),
        Escape(finding.CheckId),
        Escape(finding.Account),
        Escape(finding.Region),
        Escape(Key(finding)),
        Escape(finding.Problem),
        Escape(finding.Evidence),
        Command(finding.Remediation),
        Escape(finding.SecurityHubControl ?? ""),
        Escape(finding.CisControl ?? ""),
    ];

    private static string Key(KmsComplianceFinding finding) =>
        finding.Alias is { } alias && finding.KeyId is { } keyId ? $"{alias} ({keyId})" : ComplianceReport.KeyName(finding);

    private static void AppendRow(StringBuilder text, IEnumerable<string> cells) =>
        text.Append("| ").AppendJoin(" | ", cells).Append(" |\n");

    /// <summary>
    /// Plain text in a table cell: markdown's punctuation backslash-escaped (and enough of a URL or mail address that
    /// it is not made a link), HTML's special characters as entities, line breaks as &lt;br&gt; (a table row is one line).
    /// </summary>
    internal static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': text.Append("<br>"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '!' or '~' or '|' or '#' or '$' or '@':
                    text.Append('\\').Append(c);
                    break;
                // GitHub links bare URLs (and www. names): an escaped character breaks the pattern.
                case ':' when value.AsSpan(i + 1).StartsWith("//"):
                case '.' when i >= 3 && value.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase):
                    text.Append('\\').Append(c);
                    break;
                default: text.Append(c); break;
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// A command as a code span, which a reader copies as typed: fenced with more backticks than it holds (PowerShell's
    /// escape character is one). One with a line break, or a pipe (which renderers disagree how to escape in a code span
    /// in a table), is escaped text instead.
    /// </summary>
    internal static string Command(string? command)
    {
        if (string.IsNullOrEmpty(command)) return "";
        if (command.AsSpan().IndexOfAny("\r\n|") >= 0) return Escape(command);
        var longestRun = 0;
        var run = 0;
        foreach (var c in command)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }
        var fence = new string('`', longestRun + 1);
        // A space inside the fence lets the span start or end with a backtick; CommonMark strips one on each side.
        var padding = command.StartsWith('`') || command.EndsWith('`') ? " " : "";
        return fence + padding + command + padding + fence;
    }
}
