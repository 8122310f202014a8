using System.Management.Automation;

namespace KmsPowerShell.Commands.Local;

/// <summary>Lists the principals that can sign requests to the local KMS, all of them or those whose ARN matches.</summary>
[Cmdlet(VerbsCommon.Get, "KmsLocalPrincipal")]
[OutputType(typeof(KmsLocalPrincipal))]
public sealed class GetKmsLocalPrincipalCommand : LocalKmsCmdlet
{
    /// <summary>The ARNs of the principals to get; wildcards allowed. Every principal when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LocalPrincipalArnCompleter))]
    public string[]? PrincipalArn { get; set; }

    protected override void ProcessRecord()
    {
        var principals = LocalKms().Service.Principals;
        if (PrincipalArn is null)
        {
            foreach (var principal in principals) WriteObject(Output(principal));
            return;
        }
        foreach (var arn in PrincipalArn)
        {
            var pattern = new WildcardPattern(arn, WildcardOptions.IgnoreCase);
            var matches = principals.Where(p => pattern.IsMatch(p.PrincipalArn)).ToArray();
            foreach (var principal in matches) WriteObject(Output(principal));
            if (matches.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(arn)) WriteError(KmsErrorMap.ToErrorRecord(NotFound(arn), arn));
        }
    }
}
