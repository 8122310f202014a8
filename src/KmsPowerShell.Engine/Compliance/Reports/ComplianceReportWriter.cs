using System.Text;
using KmsPowerShell.Engine.Messages.Io;

namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>How an existing file at a report's path is treated, as Out-File treats it.</summary>
public enum ReportOverwrite
{
    /// <summary>Replace a writable file; refuse a read-only one (Out-File's default).</summary>
    Writable,
    /// <summary>Replace it even if read-only, which it stays (-Force).</summary>
    ReadOnlyToo,
    /// <summary>Refuse any existing file (-NoClobber).</summary>
    Never,
}

/// <summary>
/// Writes a compliance report in one format, through <see cref="AtomicFile"/>: a reader sees the old file or the whole
/// new one, never a part, and a failure or Ctrl+C leaves the old one as it was. UTF-8 without a byte order mark, as
/// PowerShell 7 writes files.
/// </summary>
public static class ComplianceReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The report as text.</summary>
    public static string Render(ComplianceReport report, ComplianceReportFormat format) => format switch
    {
        ComplianceReportFormat.Html => HtmlReport.Render(report),
        ComplianceReportFormat.Markdown => MarkdownReport.Render(report),
        ComplianceReportFormat.Csv => CsvReport.Render(report),
        ComplianceReportFormat.Json => JsonReport.Render(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a report format."),
    };

    /// <summary>Writes the report to <paramref name="path"/> (a full path) and returns the file.</summary>
    public static async Task<FileInfo> WriteAsync(string path, ComplianceReport report, ComplianceReportFormat format, ReportOverwrite overwrite, CancellationToken cancellationToken)
    {
        var bytes = Utf8.GetBytes(Render(report, format));
        var existing = new FileInfo(path);
        var readOnly = existing.Exists && existing.Attributes.HasFlag(FileAttributes.ReadOnly);
        if (readOnly && overwrite == ReportOverwrite.Writable)
        {
            throw new UnauthorizedAccessException($"'{path}' is read-only: add -Force to replace it, or name another -Path.");
        }
        // Out-File -Force clears the read-only attribute to write (Windows refuses to replace a read-only file) and
        // sets it again after.
        if (readOnly) File.SetAttributes(path, existing.Attributes & ~FileAttributes.ReadOnly);
        try
        {
            await AtomicFile.WriteAsync(path, overwrite != ReportOverwrite.Never, async output =>
            {
                await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KmsArgumentException e) when (e.Problem == "DestinationExists")
        {
            throw new KmsArgumentException("DestinationExists", $"'{path}' exists and -NoClobber was given: drop -NoClobber to replace it, or name another -Path.");
        }
        finally
        {
            if (readOnly) File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
        return new FileInfo(path);
    }
}
