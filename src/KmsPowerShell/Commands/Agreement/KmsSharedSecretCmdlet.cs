using System.Management.Automation;
using KmsPowerShell.Commands.Signing;
using KmsPowerShell.Engine.Agreement;

namespace KmsPowerShell.Commands.Agreement;

/// <summary>
/// What the shared-secret cmdlets share: one key per pipeline item, checked before any call, and the secret handed
/// out as a SecureString (its base64 text) unless -AsByteArray; every other copy is zeroed.
/// </summary>
public abstract class KmsSharedSecretCmdlet : KmsKeyUseCmdlet
{
    private KmsSharedSecrets? _secrets;

    /// <summary>The secret as bytes (SharedSecretBytes) instead of a SecureString.</summary>
    [Parameter]
    public SwitchParameter AsByteArray { get; set; }

    private protected KmsSharedSecrets Secrets => _secrets ??= new KmsSharedSecrets(ActiveSession);

    /// <summary>The key's spec and usage, its usage checked; null when the caller may not describe it (KMS then checks).</summary>
    private protected KeyFit? CheckedKey(string usage)
    {
        var fit = DescribeOnce();
        fit?.RequireUsage(usage, MyInvocation.MyCommand.Name);
        return fit;
    }

    protected override void ProcessRecord()
    {
        try
        {
            Process();
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, KeyId.Value);
        }
    }

    protected abstract void Process();

    /// <summary>The secret in the form asked for; the bytes are zeroed unless handed to the caller (-AsByteArray).</summary>
    private protected (System.Security.SecureString? Secure, byte[]? Bytes) Hand(byte[] secret)
    {
        if (AsByteArray) return (null, secret);
        try
        {
            return (SecretValue.ToBase64SecureString(secret), null);
        }
        finally
        {
            SecretValue.Zero(secret);
        }
    }
}
