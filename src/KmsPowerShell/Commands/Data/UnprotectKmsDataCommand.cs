using System.Collections;
using System.Management.Automation;
using System.Security;
using System.Text;
using KmsPowerShell.Engine.Crypto;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// Decrypts KMS ciphertext blobs (from Protect-KmsData, `aws kms encrypt` or any SDK): a SecureString by default,
/// text with -AsPlainText, bytes with -AsByteArray.
/// </summary>
[Cmdlet(VerbsSecurity.Unprotect, "KmsData", DefaultParameterSetName = CiphertextSet)]
[OutputType(typeof(SecureString), typeof(string), typeof(byte[]))]
public sealed class UnprotectKmsDataCommand : KmsCmdlet
{
    private const string CiphertextSet = "Ciphertext";
    private KmsCipherOptions _options = KmsCipherOptions.None;

    /// <summary>The ciphertext: base64 text or a byte array.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CiphertextSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CiphertextBlob")]
    public object Ciphertext { get; set; } = null!;

    /// <summary>The key that must have encrypted the ciphertext (required for asymmetric keys; optional for symmetric ones).</summary>
    [Parameter]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference? KeyId { get; set; }

    /// <summary>The encryption context used to encrypt.</summary>
    [Parameter]
    public Hashtable? EncryptionContext { get; set; }

    [Parameter]
    public string[]? GrantToken { get; set; }

    [Parameter]
    [ValidateSet("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE")]
    public string? EncryptionAlgorithm { get; set; }

    /// <summary>Writes the plaintext as a string (UTF-8) instead of a SecureString.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    /// <summary>Writes the plaintext as bytes instead of a SecureString.</summary>
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
            if (AsPlainText && AsByteArray) throw new KmsArgumentException("OutputFormatConflict", "-AsPlainText and -AsByteArray cannot be used together.");
            _options = new KmsCipherOptions(ContextTable.From(EncryptionContext), GrantToken ?? [], EncryptionAlgorithm);
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, null);
        }
    }

    protected override void ProcessRecord()
    {
        byte[]? plaintext = null;
        try
        {
            var blob = CiphertextValue.ToBytes(Ciphertext);
            var region = RegionOrDefault(Region);
            var key = KeyId is null ? null : KeyRequest.For(KeyId.Value, region);
            var result = Await(new KmsCrypto(ActiveSession).DecryptAsync(region, blob, key, _options, CancellationToken));
            plaintext = result.Bytes;
            WriteVerbose($"Decrypted {plaintext.Length} bytes encrypted under {result.KeyArn}.");
            if (AsByteArray)
            {
                WriteObject(plaintext);
                plaintext = null; // handed to the caller
            }
            else
            {
                WriteObject(AsPlainText ? Encoding.UTF8.GetString(plaintext) : SecretValue.ToSecureString(plaintext));
            }
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, KeyId?.Value);
        }
        finally
        {
            SecretValue.Zero(plaintext);
        }
    }
}
