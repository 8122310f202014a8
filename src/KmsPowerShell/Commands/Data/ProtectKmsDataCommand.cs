using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Crypto;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// Encrypts secrets of up to 4096 bytes with KMS Encrypt. The output is the KMS ciphertext blob (base64 by default),
/// which `aws kms decrypt` and every AWS SDK read.
/// </summary>
[Cmdlet(VerbsSecurity.Protect, "KmsData", DefaultParameterSetName = ValueSet)]
[OutputType(typeof(string), typeof(byte[]))]
public sealed class ProtectKmsDataCommand : KmsCmdlet
{
    private const string ValueSet = "Value";
    private KmsCipherOptions _options = KmsCipherOptions.None;

    /// <summary>The KMS key to encrypt under.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference KeyId { get; set; } = null!;

    /// <summary>The secret: a string (encrypted as UTF-8), a SecureString or a byte array, 4096 bytes at most.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ValueSet, ValueFromPipeline = true)]
    public object Value { get; set; } = null!;

    /// <summary>Pairs bound to the ciphertext: decryption must give the same pairs.</summary>
    [Parameter]
    public Hashtable? EncryptionContext { get; set; }

    /// <summary>Grant tokens that allow the call before the grant is everywhere.</summary>
    [Parameter]
    public string[]? GrantToken { get; set; }

    /// <summary>SYMMETRIC_DEFAULT for symmetric keys; RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256 for RSA keys.</summary>
    [Parameter]
    [ValidateSet("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE")]
    public string? EncryptionAlgorithm { get; set; }

    /// <summary>Writes the ciphertext as bytes instead of base64 text.</summary>
    [Parameter]
    public SwitchParameter AsByteArray { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            _options = new KmsCipherOptions(ContextTable.From(EncryptionContext), GrantToken ?? [], EncryptionAlgorithm);
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, EncryptionContext);
        }
    }

    protected override void ProcessRecord()
    {
        byte[]? plaintext = null;
        try
        {
            plaintext = SecretValue.ToBytes(Value);
            if (plaintext.Length is 0 or > KmsCrypto.MaxPlaintextBytes)
            {
                throw new KmsArgumentException("ValueSizeInvalid", plaintext.Length == 0
                    ? "-Value is empty: KMS encrypts 1 to 4096 bytes."
                    : $"-Value is {plaintext.Length} bytes; KMS Encrypt takes at most 4096. Use Protect-KmsData -Envelope for larger values, or -Path for files.");
            }
            var key = KeyRequest.For(KeyId.Value, RegionOrDefault(Region));
            var ciphertext = Await(new KmsCrypto(ActiveSession).EncryptAsync(key, plaintext, _options, CancellationToken));
            WriteVerbose($"Encrypted {plaintext.Length} bytes under {ciphertext.KeyArn}.");
            WriteObject(AsByteArray ? ciphertext.Blob : Convert.ToBase64String(ciphertext.Blob));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            // The target is the key, never the value: a secret must not reach the error record.
            WriteKmsError(e, KeyId.Value);
        }
        finally
        {
            SecretValue.Zero(plaintext);
        }
    }
}
