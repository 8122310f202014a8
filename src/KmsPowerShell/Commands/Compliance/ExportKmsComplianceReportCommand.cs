using System.Management.Automation;
using KmsPowerShell.Engine.Compliance.Reports;

namespace KmsPowerShell.Commands.Compliance;

/// <summary>
/// Writes the compliance findings piped to it as a report people read: one self-contained HTML page, markdown for a
/// pull request or a runbook log, CSV or JSON. The format comes from the file's extension unless -Format names one;
/// an existing file is replaced as Out-File replaces it, and only once the whole report is written. Writes the file's
/// FileInfo, as the module's other file cmdlets do.
/// </summary>
[Cmdlet(VerbsData.Export, "KmsComplianceReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportKmsComplianceReportCommand : KmsCommand
{
    private readonly List<KmsComplianceFinding> _findings = [];
    private string _path = "";
    // The format's name, not the engine's enum: a field of an engine value type would load the engine assembly with
    // this class, before the module has routed it to its own load context.
    private string _format = "";

    /// <summary>The clock the report's time is read from (tests set another).</summary>
    internal static TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The findings to report; Get-KmsComplianceFinding's output binds here.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public KmsComplianceFinding[] InputObject { get; set; } = [];

    /// <summary>The report file. Its extension (.html, .htm, .md, .csv, .json) names the format unless -Format does.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The format, whatever the extension.</summary>
    [Parameter]
    [ValidateSet(nameof(ComplianceReportFormat.Html), nameof(ComplianceReportFormat.Markdown), nameof(ComplianceReportFormat.Csv), nameof(ComplianceReportFormat.Json))]
    public string? Format { get; set; }

    /// <summary>The report's heading (HTML and markdown).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "KMS compliance report";

    /// <summary>Replaces the file even if it is read-only (it stays read-only), as Out-File -Force does.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Refuses to replace an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    protected override void BeginProcessing()
    {
        _path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (Format is not null)
        {
            _format = Enum.Parse<ComplianceReportFormat>(Format, ignoreCase: true).ToString();
            return;
        }
        if (ComplianceReportFormats.FromPath(_path) is { } named)
        {
            _format = named.ToString();
            return;
        }
        ThrowInvocationError(new KmsArgumentException("ReportFormatUnknown",
            $"'{Path}' does not say which format to write: end it with {ComplianceReportFormats.KnownExtensions}, or add -Format."), Path);
    }

    protected override void ProcessRecord()
    {
        _findings.AddRange(InputObject);
    }

    protected override void EndProcessing()
    {
        if (!ShouldProcess(_path, $"Write a {_format} compliance report of {_findings.Count} findings")) return;
        var report = new ComplianceReport(Title, Time.GetUtcNow(), _findings);
        var overwrite = NoClobber ? ReportOverwrite.Never : Force ? ReportOverwrite.ReadOnlyToo : ReportOverwrite.Writable;
        try
        {
            var file = Await(ComplianceReportWriter.WriteAsync(_path, report, Enum.Parse<ComplianceReportFormat>(_format), overwrite, CancellationToken));
            WriteVerbose($"Wrote a {_format} report of {_findings.Count} findings to {file.FullName}.");
            // Through the provider, as the other file cmdlets do, so the FileInfo has its Mode and PSPath.
            WriteObject(InvokeProvider.Item.Get([file.FullName], force: false, literalPath: true), enumerateCollection: true);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, _path);
        }
    }
}
