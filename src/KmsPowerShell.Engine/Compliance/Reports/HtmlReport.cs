using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>
/// The HTML form: one self-contained page (its style, script and charts inline; nothing is fetched at view time) with
/// when and from what it was made, a summary per account and region, bar charts by severity and by check (inline SVG,
/// drawn here, so they show without script and in print), and a table of every finding that its script sorts
/// (header buttons, or #sort=column / #sort=-column in the address) and filters. Every value is HTML-escaped, and the
/// page's Content-Security-Policy lets only its own style and script (by hash) run, so text an attacker wrote into a
/// key policy stays text even if it ever reached the page unescaped.
/// </summary>
internal static class HtmlReport
{
    private static readonly string Style = Resource("report.css");
    private static readonly string Script = Resource("report.js");
    private static readonly string Policy =
        $"default-src 'none'; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'; base-uri 'none'; form-action 'none'";

    private static readonly (string Key, string Header)[] Columns =
    [
        ("severity", "Severity"), ("check", "Check"), ("account", "Account"), ("region", "Region"), ("key", "Key"),
        ("problem", "Problem"), ("evidence", "Evidence"), ("remediation", "Remediation"), ("controls", "Security Hub / CIS"),
    ];

    public static string Render(ComplianceReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Policy).Append("\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"generator\" content=\"KmsPowerShell Export-KmsComplianceReport\">\n");
        html.Append("<title>").Append(Encode(report.Title)).Append("</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header>\n");
        html.Append("<h1>").Append(Encode(report.Title)).Append("</h1>\n");
        html.Append("<p class=\"made\"><time datetime=\"").Append(report.MadeAt.ToString("o", CultureInfo.InvariantCulture)).Append("\">")
            .Append(Encode(report.Provenance)).Append("</time></p>\n</header>\n");
        if (report.Findings.Count == 0)
        {
            html.Append("<p class=\"none\" id=\"no-findings\">No findings.</p>\n");
        }
        else
        {
            AppendSummary(html, report);
            AppendCharts(html, report);
            AppendFindings(html, report);
        }
        html.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, ComplianceReport report)
    {
        html.Append("<section id=\"summary\">\n<h2>Summary by account and region</h2>\n<table class=\"summary\">\n<thead><tr><th>Account</th><th>Region</th>");
        foreach (var severity in ComplianceReport.SeveritiesWorstFirst) html.Append("<th class=\"count\">").Append(severity).Append("</th>");
        html.Append("<th class=\"count\">Total</th></tr></thead>\n<tbody>\n");
        foreach (var scope in report.ByScope)
        {
            html.Append("<tr><td>").Append(Encode(scope.Account)).Append("</td><td>").Append(Encode(scope.Region)).Append("</td>");
            AppendCounts(html, scope.Counts);
            html.Append("</tr>\n");
        }
        html.Append("<tr class=\"total\"><td>All</td><td></td>");
        AppendCounts(html, report.BySeverity);
        html.Append("</tr>\n</tbody>\n</table>\n</section>\n");
    }

    private static void AppendCounts(StringBuilder html, SeverityCounts counts)
    {
        foreach (var severity in ComplianceReport.SeveritiesWorstFirst) html.Append("<td class=\"count\">").Append(counts[severity]).Append("</td>");
        html.Append("<td class=\"count\">").Append(counts.Total).Append("</td>");
    }

    private static void AppendCharts(StringBuilder html, ComplianceReport report)
    {
        html.Append("<section id=\"charts\">\n<div class=\"charts\">\n<figure>\n<figcaption><h2>Findings by severity</h2></figcaption>\n");
        HtmlBarChart.Append(html, "chart-severity", ComplianceReport.SeveritiesWorstFirst
            .Select(s => new HtmlBarChart.Bar(s.ToString(), report.BySeverity[s], s)).ToList());
        html.Append("</figure>\n<figure>\n<figcaption><h2>Findings by check</h2></figcaption>\n");
        HtmlBarChart.Append(html, "chart-check", report.ByCheck.Select(c => new HtmlBarChart.Bar(c.CheckId, c.Count, c.Severity)).ToList());
        html.Append("</figure>\n</div>\n</section>\n");
    }

    private static void AppendFindings(StringBuilder html, ComplianceReport report)
    {
        html.Append("<section id=\"findings\">\n<h2>Findings</h2>\n<div class=\"controls\">");
        html.Append("<label>Filter <input type=\"search\" id=\"filter\" placeholder=\"text in any column\"></label>");
        html.Append("<label>Severity <select id=\"severity-filter\"><option value=\"\">all</option>");
        foreach (var severity in ComplianceReport.SeveritiesWorstFirst) html.Append("<option>").Append(severity).Append("</option>");
        html.Append("</select></label><span id=\"shown\" aria-live=\"polite\">").Append(report.Findings.Count).Append(" of ")
            .Append(report.Findings.Count).Append(" shown</span></div>\n");
        html.Append("<table id=\"findings-table\">\n<thead><tr>");
        foreach (var (key, header) in Columns)
        {
            html.Append("<th data-key=\"").Append(key).Append("\" aria-sort=\"").Append(key == "severity" ? "descending" : "none")
                .Append("\"><button type=\"button\">").Append(header).Append("</button></th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < report.WorstFirst.Count; i++) AppendFinding(html, report.WorstFirst[i], i);
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendFinding(StringBuilder html, KmsComplianceFinding finding, int order)
    {
        var severity = finding.Severity.ToString();
        html.Append("<tr data-order=\"").Append(order).Append("\" data-severity=\"").Append(Encode(severity)).Append("\">");
        html.Append("<td data-value=\"").Append((int)finding.Severity).Append("\"><span class=\"sev ").Append(SeverityClass(finding.Severity))
            .Append("\">").Append(Encode(severity)).Append("</span></td>");
        html.Append("<td>").Append(Encode(finding.CheckId)).Append("<span class=\"title\">").Append(Encode(finding.Title)).Append("</span></td>");
        Cell(html, finding.Account);
        Cell(html, finding.Region);
        html.Append("<td>").Append(Encode(ComplianceReport.KeyName(finding)));
        if (finding.Alias is not null && finding.KeyId is not null) html.Append("<span class=\"title\">").Append(Encode(finding.KeyId)).Append("</span>");
        html.Append("</td>");
        Cell(html, finding.Problem);
        html.Append("<td><pre>").Append(Encode(finding.Evidence)).Append("</pre></td>");
        html.Append("<td>");
        if (!string.IsNullOrEmpty(finding.Remediation)) html.Append("<code>").Append(Encode(finding.Remediation)).Append("</code>");
        html.Append("</td>");
        Cell(html, string.Join(" / ", new[] { finding.SecurityHubControl, finding.CisControl }.Where(c => !string.IsNullOrEmpty(c))));
        html.Append("</tr>\n");
    }

    private static void Cell(StringBuilder html, string value) => html.Append("<td>").Append(Encode(value)).Append("</td>");

    /// <summary>The CSS class of a severity's colour (an unknown value gets none).</summary>
    internal static string SeverityClass(KmsFindingSeverity severity) =>
        Enum.IsDefined(severity) ? "sev-" + severity.ToString().ToLowerInvariant() : "sev-unknown";

    /// <summary>Text for an element or a double-quoted attribute: &amp; &lt; &gt; &quot; and &#39; as entities.</summary>
    internal static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream($"{typeof(HtmlReport).Namespace}.{name}")
            ?? throw new InvalidOperationException($"The report resource {name} is missing from the engine assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
