using System.Management.Automation;
using System.Security.Cryptography;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Commands.Local;

/// <summary>
/// Adds a principal to the local KMS, so a test can sign as someone else (Connect-Kms -Local -AccessKey ... -SecretKey ...)
/// and see that principal's rights: none but what grants allow, unless -AccountAdministrator.
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

    /// <summary>May do everything in its account, as the default local administrator.</summary>
    [Parameter]
    public SwitchParameter AccountAdministrator { get; set; }

    protected override void EndProcessing()
    {
        var account = PrincipalArn.Split(':')[4];
        var accessKey = AccessKeyId ?? "AKIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var secret = SecretAccessKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        var instance = LocalKms();
        if (!ShouldProcess(PrincipalArn, $"Let the principal sign requests to {Describe(instance)}")) return;
        instance.Service.AddPrincipal(new LocalKmsPrincipal(accessKey, secret, PrincipalArn, account, AccountAdministrator));
        WriteObject(new KmsLocalPrincipal(PrincipalArn, account, accessKey, secret, AccountAdministrator));
    }
}
