using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Compliance;

namespace KmsPowerShell.Commands.Compliance;

/// <summary>
/// Applies the fix of each finding piped from Get-KmsComplianceFinding, through a session of the finding's account
/// (its profile, its role, or the session's own) in the finding's region. Every change is asked about; a key policy
/// change or a revoked grant is asked about as ConfirmImpact High, as Set-KmsKeyPolicy and Revoke-KmsGrant are.
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "KmsComplianceFinding", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KmsComplianceFinding))]
public sealed class RepairKmsComplianceFindingCommand : KmsCmdlet
{
    private AccountSessions? _accounts;
    private IReadOnlyDictionary<string, string> _tags = new Dictionary<string, string>();
    private bool _yesToAll;
    private bool _noToAll;

    /// <summary>The findings to fix (Get-KmsComplianceFinding's output).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public KmsComplianceFinding[] Finding { get; set; } = [];

    /// <summary>The rotation period to set when a fix enables rotation, instead of the period the check proposed.</summary>
    [Parameter]
    [ValidateRange(90, 2560)]
    public int? RotationPeriodInDays { get; set; }

    /// <summary>The values of the tags that fixes of RequiredTagMissing set, as a hashtable: @{ Owner = 'ops' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Tag { get; set; }

    /// <summary>The external id the roles of the findings (RoleArn) require.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExternalId { get; set; }

    /// <summary>The session name of the assumed roles (CloudTrail shows it).</summary>
    [Parameter]
    [ValidatePattern(@"^[\w+=,.@-]{2,64}$")]
    public string RoleSessionName { get; set; } = ComplianceSessions.DefaultRoleSessionName;

    /// <summary>Applies every fix without asking, high-impact ones too (never under -WhatIf).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each finding whose fix was applied.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private AccountSessions Accounts => _accounts ??= new AccountSessions(WriteVerbose, WriteWarning);

    protected override void BeginProcessing()
    {
        try
        {
            _tags = TagTable.From(Tag);
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, Tag);
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var finding in Finding)
        {
            try
            {
                Repair(finding);
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, finding);
            }
        }
    }

    private void Repair(KmsComplianceFinding finding)
    {
        if (finding.Fix is not { } fix)
        {
            var how = finding.Remediation is { } remediation ? $" Suggested: {remediation}" : "";
            throw new KmsArgumentException("NoAutomaticFix", $"Finding {finding.CheckId} of {Target(finding)} has no fix Repair-KmsComplianceFinding can apply: a person must fix it.{how}");
        }
        fix = ComplianceRepair.Complete(fix, RotationPeriodInDays, _tags);
        ComplianceRepair.Validate(finding, fix);
        var change = ComplianceRepair.Describe(fix);
        if (!ShouldChange(Target(finding), change, Force)) return;
        if (ComplianceRepair.IsHighImpact(fix) && !Force && AsksOnlyHighImpact()
            && !ShouldContinue($"{change} of {Target(finding)}? Calls that work now may fail.", "Confirm a high-impact change", ref _yesToAll, ref _noToAll))
        {
            return;
        }
        var session = SessionOf(finding);
        Await(new ComplianceRepair(session).ApplyAsync(finding, fix, CancellationToken));
        if (PassThru) WriteObject(finding);
    }

    /// <summary>
    /// True when ShouldProcess asked nothing for a Medium change but would for a High one ($ConfirmPreference High, the
    /// default, and no -Confirm): the cmdlet is Medium, so its High changes ask here themselves.
    /// </summary>
    private bool AsksOnlyHighImpact() =>
        !MyInvocation.BoundParameters.ContainsKey("Confirm")
        && LanguagePrimitives.TryConvertTo<ConfirmImpact>(SessionState.PSVariable.GetValue("ConfirmPreference"), out var preference)
        && preference == ConfirmImpact.High;

    /// <summary>The session of the finding's account: its role's, its profile's, or this command's own.</summary>
    private KmsSession SessionOf(KmsComplianceFinding finding) =>
        finding.RoleArn is { } role ? Await(Accounts.Role(ActiveSession, role, ExternalId, RoleSessionName, CancellationToken))
        : finding.ProfileName is { } profile ? Accounts.Profile(profile)
        : ActiveSession;

    private static string Target(KmsComplianceFinding finding) =>
        $"{finding.Alias ?? finding.KeyArn ?? finding.KeyId ?? $"custom key store {finding.CustomKeyStoreId}"} ({finding.Account} {finding.Region})";

    private protected override void Release() => _accounts?.Dispose();
}
