using System.Management.Automation;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Commands.Agreement;

/// <summary>
/// Recovers the shared secret of an ML-KEM ciphertext with the private key of an ML-KEM KMS key (KMS Decapsulate).
/// Unprotect, as Unprotect-KmsData: the secret comes back out of its protected (encapsulated) form.
/// </summary>
[Cmdlet(VerbsSecurity.Unprotect, "KmsEncapsulatedSecret")]
[OutputType(typeof(KmsSharedSecret))]
public sealed class UnprotectKmsEncapsulatedSecretCommand : KmsSharedSecretCmdlet
{
    /// <summary>The ciphertext from New-KmsEncapsulatedSecret: bytes or base64 text; a piped KmsEncapsulatedSecret binds it.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("CiphertextBlob")]
    [ValidateNotNull]
    public object Ciphertext { get; set; } = null!;

    protected override void Process()
    {
        var fit = CheckedKey(KmsKeyUsages.EncapsulateDecapsulate);
        var ciphertext = CiphertextValue.ToBytes(Ciphertext);
        if (fit is not null && CiphertextBytes(fit.KeySpec) is { } expected && ciphertext.Length != expected)
        {
            throw new KmsArgumentException("CiphertextInvalid",
                $"-Ciphertext is {ciphertext.Length} bytes; ciphertexts of {fit.Name} ({fit.KeySpec}) are {expected} bytes. Pass the whole ciphertext New-KmsEncapsulatedSecret gave for this key.");
        }
        var key = Key;
        var result = Await(Secrets.DecapsulateAsync(key, ciphertext, GrantTokens, CancellationToken));
        var (secure, bytes) = Hand(result.Secret);
        WriteVerbose($"Decapsulated a {ciphertext.Length}-byte ciphertext with {result.KeyArn}.");
        WriteObject(new KmsSharedSecret(result.KeyArn, key.Region, result.Algorithm) { SharedSecret = secure, SharedSecretBytes = bytes });
    }

    /// <summary>FIPS 203's ciphertext length of each ML-KEM parameter set.</summary>
    private static int? CiphertextBytes(string keySpec) => keySpec switch
    {
        "ML_KEM_512" => 768,
        "ML_KEM_768" => 1088,
        "ML_KEM_1024" => 1568,
        _ => null,
    };
}
