namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>
/// What a compliance report shows, whatever its format: the findings (worst first), its title, when it was made, and
/// the counts by severity, by account and region, and by check.
/// </summary>
public sealed class ComplianceReport
{
    /// <summary>The severities, worst first: the order of every summary column and chart.</summary>
    public static IReadOnlyList<KmsFindingSeverity> SeveritiesWorstFirst { get; } =
        [.. Enum.GetValues<KmsFindingSeverity>().OrderDescending()];

    public ComplianceReport(string title, DateTimeOffset madeAt, IReadOnlyList<KmsComplianceFinding> findings)
    {
        Title = title;
        MadeAt = madeAt.ToUniversalTime();
        Findings = findings;
        WorstFirst = [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Account, StringComparer.Ordinal)
            .ThenBy(f => f.Region, StringComparer.Ordinal).ThenBy(f => f.CheckId, StringComparer.Ordinal)
            .ThenBy(f => KeyName(f), StringComparer.Ordinal)];
        BySeverity = SeverityCounts.Of(findings);
        ByScope = [.. findings.GroupBy(f => (f.Account, f.Region))
            .OrderBy(g => g.Key.Account, StringComparer.Ordinal).ThenBy(g => g.Key.Region, StringComparer.Ordinal)
            .Select(g => new ScopeSummary(g.Key.Account, g.Key.Region, SeverityCounts.Of(g)))];
        ByCheck = [.. findings.GroupBy(f => f.CheckId, StringComparer.Ordinal)
            .Select(g => new CheckSummary(g.Key, g.First().Title, g.Max(f => f.Severity), g.Count()))
            .OrderByDescending(c => c.Severity).ThenByDescending(c => c.Count).ThenBy(c => c.CheckId, StringComparer.Ordinal)];
        AccountCount = findings.Select(f => f.Account).Distinct(StringComparer.Ordinal).Count();
        RegionCount = findings.Select(f => f.Region).Distinct(StringComparer.Ordinal).Count();
        SubjectCount = findings.Select(f => (f.Account, f.Region, KeyName(f))).Distinct().Count();
    }

    public string Title { get; }

    /// <summary>When the report was made (UTC).</summary>
    public DateTimeOffset MadeAt { get; }

    /// <summary>The findings as given (CSV and JSON keep this order).</summary>
    public IReadOnlyList<KmsComplianceFinding> Findings { get; }

    /// <summary>The findings worst first, then by account, region, check and key (the tables' order).</summary>
    public IReadOnlyList<KmsComplianceFinding> WorstFirst { get; }

    public SeverityCounts BySeverity { get; }

    public IReadOnlyList<ScopeSummary> ByScope { get; }

    public IReadOnlyList<CheckSummary> ByCheck { get; }

    public int AccountCount { get; }

    public int RegionCount { get; }

    /// <summary>How many keys and custom key stores the findings are about.</summary>
    public int SubjectCount { get; }

    /// <summary>The key or store a finding is about, as a reader names it: its alias, else its key id, else its store.</summary>
    public static string KeyName(KmsComplianceFinding finding) => finding.Alias ?? finding.KeyId ?? finding.CustomKeyStoreId ?? "";

    /// <summary>The sentence that says when and from what the report was made.</summary>
    public string Provenance =>
        $"Made {MadeAt:yyyy-MM-dd HH:mm:ss} UTC from {Count(Findings.Count, "finding")} about {Count(SubjectCount, "key or key store", "keys or key stores")} " +
        $"in {Count(AccountCount, "account")} and {Count(RegionCount, "region")}.";

    private static string Count(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";
}

/// <summary>How many findings there are of each severity.</summary>
public sealed class SeverityCounts
{
    // A dictionary, not an array by value: a script may make a finding with a severity outside the enum.
    private readonly Dictionary<KmsFindingSeverity, int> _counts = [];

    public static SeverityCounts Of(IEnumerable<KmsComplianceFinding> findings)
    {
        var counts = new SeverityCounts();
        foreach (var finding in findings) counts._counts[finding.Severity] = counts[finding.Severity] + 1;
        return counts;
    }

    public int this[KmsFindingSeverity severity] => _counts.GetValueOrDefault(severity);

    public int Total => _counts.Values.Sum();
}

/// <summary>The findings of one account and region.</summary>
public sealed record ScopeSummary(string Account, string Region, SeverityCounts Counts);

/// <summary>The findings of one check (its worst severity, should a check grade findings differently).</summary>
public sealed record CheckSummary(string CheckId, string Title, KmsFindingSeverity Severity, int Count);
