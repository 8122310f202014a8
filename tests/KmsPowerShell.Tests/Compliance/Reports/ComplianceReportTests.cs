using KmsPowerShell.Engine.Compliance.Reports;

namespace KmsPowerShell.Tests.Compliance.Reports;

/// <summary>The report's renderers on their edges: what Pester cannot reach cheaply from a cmdlet.</summary>
public sealed class ComplianceReportTests
{
    private static readonly DateTimeOffset MadeAt = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static KmsComplianceFinding Finding(KmsFindingSeverity severity = KmsFindingSeverity.Medium, string? remediation = null, string evidence = "") => new()
    {
        Account = "111122223333",
        Region = "us-east-1",
        KeyId = "k",
        CheckId = "RotationDisabled",
        Severity = severity,
        Evidence = evidence,
        Remediation = remediation,
        ObservedAt = MadeAt,
    };

    [Theory]
    [InlineData("Get-Thing `n", "``Get-Thing `n``")]
    [InlineData("Get-Thing ``x``", "``` Get-Thing ``x`` ```")]
    [InlineData("`start", "`` `start ``")]
    public void ACommandIsACodeSpanFencedLongerThanAnyRunOfBackticksItHolds(string command, string expected) =>
        Assert.Equal(expected, MarkdownReport.Command(command));

    [Theory]
    [InlineData("a | b", "a \\| b")]
    [InlineData("line1\r\nline2", "line1<br>line2")]
    public void ACommandWithAPipeOrALineBreakIsEscapedText(string command, string expected) =>
        Assert.Equal(expected, MarkdownReport.Command(command));

    [Theory]
    [InlineData("see https://example.com", "see https\\://example.com")]
    [InlineData("WWW.example.com", "WWW\\.example.com")]
    [InlineData("ops@example.com", "ops\\@example.com")]
    [InlineData("1.2.3", "1.2.3")]
    public void MarkdownTextNeverBecomesALink(string value, string expected) => Assert.Equal(expected, MarkdownReport.Escape(value));

    [Fact]
    public void CsvQuotesEveryFieldAndKeepsLineBreaksInsideTheQuotes()
    {
        var csv = ComplianceReportWriter.Render(new ComplianceReport("t", MadeAt, [Finding(evidence: "a \"b\"\r\nc")]), ComplianceReportFormat.Csv);

        var lines = csv.Split("\r\n");
        Assert.StartsWith("\"Account\",\"Region\",", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"a \"\"b\"\"", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("c\"", lines[2], StringComparison.Ordinal);
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public void ASeverityOutsideTheEnumIsCountedInTheTotalWithoutBreakingTheReport()
    {
        var report = new ComplianceReport("t", MadeAt, [Finding((KmsFindingSeverity)9), Finding()]);

        Assert.Equal(2, report.BySeverity.Total);
        Assert.Equal(1, report.BySeverity[KmsFindingSeverity.Medium]);
        foreach (var format in Enum.GetValues<ComplianceReportFormat>()) Assert.NotEmpty(ComplianceReportWriter.Render(report, format));
        Assert.Contains("sev-unknown", ComplianceReportWriter.Render(report, ComplianceReportFormat.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTimeIsStatedInUtcWhateverTheClockOffset()
    {
        var report = new ComplianceReport("t", new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(2)), []);

        Assert.StartsWith("Made 2026-12-01 10:00:00 UTC from 0 findings", report.Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoClobberRefusesAnExistingFileAndLeavesItAsItWas()
    {
        var directory = Directory.CreateTempSubdirectory("kmsps-report-").FullName;
        try
        {
            var path = Path.Combine(directory, "r.json");
            await File.WriteAllTextAsync(path, "old");
            var report = new ComplianceReport("t", MadeAt, [Finding()]);

            var refused = await Assert.ThrowsAsync<KmsArgumentException>(() =>
                ComplianceReportWriter.WriteAsync(path, report, ComplianceReportFormat.Json, ReportOverwrite.Never, CancellationToken.None));

            Assert.Equal("DestinationExists", refused.Problem);
            Assert.Contains("-NoClobber", refused.Message, StringComparison.Ordinal);
            Assert.Equal("old", await File.ReadAllTextAsync(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
