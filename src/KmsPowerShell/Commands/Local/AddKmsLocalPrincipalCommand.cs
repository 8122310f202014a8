using System.Collections;
using System.Management.Automation;
using System.Security.Cryptography;
using KmsPowerShell.LocalKms;
using KmsPowerShell.LocalKms.Auth;

namespace KmsPowerShell.Commands.Local;

/// <summary>
/// Adds a principal to the local KMS, so a test can sign as someone else (Connect-Kms -Local -AccessKey ... -SecretKey ...)
/// and see that principal's rights: those of its identity policies, its tags and grants, or all with -AccountAdministrator.
/// The principal is saved in the local KMS's state file, if it has one.
/// </summary>
[Cmdlet(VerbsCommon.Add, "KmsLocalPrincipal", SupportsShouldProcess = true)]
[OutputType(typeof(KmsLocalPrincipal))]
public sealed class AddKmsLocalPrincipalCommand : LocalKmsCmdlet
{
    /// <summary>The principal's ARN, such as arn:aws:iam::111122223333:role/app.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidatePattern(@"^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:\S+$")]
    public string PrincipalArn { get; set; } = "";

    /// <summary>The access key to sign with; one is made up when omitted.</summary>
    [Parameter]
    [ValidatePattern("^[A-Z0-9]{16,128}$")]
    public string? AccessKeyId { get; set; }

    /// <summary>The secret key to sign with; one is made up when omitted.</summary>
    [Parameter]
    public string? SecretAccessKey { get; set; }

    /// <summary>Gives the principal AdministratorAccess: it may do everything in its account, as the default local administrator.</summary>
    [Parameter]
    public SwitchParameter AccountAdministrator { get; set; }

    /// <summary>IAM identity policies of the principal, each a JSON policy text.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PolicyDocument { get; set; }

    /// <summary>Files that hold IAM identity policies of the principal, one JSON policy each.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PolicyPath { get; set; }

    /// <summary>The principal's tags, which policies read as aws:PrincipalTag/key.</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>Replaces a principal that has the same ARN or access key.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessing()
    {
        var principal = Principal();
        var instance = LocalKms();
        if (!ShouldProcess(PrincipalArn, $"Let the principal sign requests to {Describe(instance)}")) return;
        try
        {
            instance.Service.AddPrincipal(principal, replace: Force);
        }
        catch (KmsException e)
        {
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(e, PrincipalArn));
        }
        WriteObject(Output(principal));
    }

    /// <summary>The principal to add, its policies and tags checked: anything wrong ends the command before any change.</summary>
    private LocalKmsPrincipal Principal()
    {
        try
        {
            var policies = (PolicyDocument ?? []).Concat((PolicyPath ?? []).Select(path => PolicyText.ReadFile(this, path))).ToArray();
            IdentityPolicyCheck.Require(policies);
            var account = PrincipalArn.Split(':')[4];
            var accessKey = AccessKeyId ?? "AKIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
            var secret = SecretAccessKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
            return new LocalKmsPrincipal(accessKey, secret, PrincipalArn, account, AccountAdministrator)
            {
                IdentityPolicies = policies,
                Tags = new Dictionary<string, string>(TagTable.From(Tag), StringComparer.OrdinalIgnoreCase),
            };
        }
        catch (KmsArgumentException e)
        {
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(e, PrincipalArn));
            throw;
        }
    }
}
