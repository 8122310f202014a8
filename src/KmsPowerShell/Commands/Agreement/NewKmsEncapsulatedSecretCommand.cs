using System.Management.Automation;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Commands.Agreement;

/// <summary>
/// Makes a new shared secret and its ML-KEM ciphertext under the public key of an ML-KEM KMS key (KMS Encapsulate).
/// New, because each call creates a secret that did not exist; the key's owner recovers it with
/// Unprotect-KmsEncapsulatedSecret.
/// </summary>
[Cmdlet(VerbsCommon.New, "KmsEncapsulatedSecret")]
[OutputType(typeof(KmsEncapsulatedSecret))]
public sealed class NewKmsEncapsulatedSecretCommand : KmsSharedSecretCmdlet
{
    protected override void Process()
    {
        CheckedKey(KmsKeyUsages.EncapsulateDecapsulate);
        var key = Key;
        var result = Await(Secrets.EncapsulateAsync(key, GrantTokens, CancellationToken));
        var (secure, bytes) = Hand(result.Secret);
        WriteVerbose($"Encapsulated a new shared secret under {result.KeyArn} ({result.Ciphertext?.Length ?? 0}-byte ciphertext).");
        WriteObject(new KmsEncapsulatedSecret(result.KeyArn, key.Region, result.Algorithm, result.Ciphertext ?? [])
        {
            SharedSecret = secure, SharedSecretBytes = bytes,
        });
    }
}
