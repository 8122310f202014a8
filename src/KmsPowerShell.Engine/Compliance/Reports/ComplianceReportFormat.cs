namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>The forms Export-KmsComplianceReport writes.</summary>
public enum ComplianceReportFormat
{
    Html,
    Markdown,
    Csv,
    Json,
}

/// <summary>Which format a report file's extension names.</summary>
public static class ComplianceReportFormats
{
    private static readonly Dictionary<string, ComplianceReportFormat> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = ComplianceReportFormat.Html,
        [".htm"] = ComplianceReportFormat.Html,
        [".md"] = ComplianceReportFormat.Markdown,
        [".markdown"] = ComplianceReportFormat.Markdown,
        [".csv"] = ComplianceReportFormat.Csv,
        [".json"] = ComplianceReportFormat.Json,
    };

    /// <summary>The format <paramref name="path"/>'s extension names, or null when it names none.</summary>
    public static ComplianceReportFormat? FromPath(string path) =>
        ByExtension.TryGetValue(Path.GetExtension(path), out var format) ? format : null;

    /// <summary>The extensions known, for messages.</summary>
    public static string KnownExtensions => string.Join(", ", ByExtension.Keys);
}
