using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Crypto;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Data;

/// <summary>Re-encrypts KMS ciphertext blobs under another key or context (ReEncrypt): the plaintext never leaves KMS.</summary>
[Cmdlet(VerbsData.Update, "KmsCiphertext", SupportsShouldProcess = true, DefaultParameterSetName = CiphertextSet)]
[OutputType(typeof(string), typeof(byte[]))]
public sealed class UpdateKmsCiphertextCommand : KmsCmdlet
{
    private const string CiphertextSet = "Ciphertext";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CiphertextSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CiphertextBlob")]
    public object Ciphertext { get; set; } = null!;

    /// <summary>The key to encrypt under now.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference DestinationKeyId { get; set; } = null!;

    /// <summary>The key that encrypted the ciphertext (required for asymmetric keys).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference? SourceKeyId { get; set; }

    [Parameter]
    public Hashtable? SourceEncryptionContext { get; set; }

    [Parameter]
    public Hashtable? DestinationEncryptionContext { get; set; }

    [Parameter]
    public string[]? GrantToken { get; set; }

    [Parameter]
    public SwitchParameter AsByteArray { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var blob = CiphertextValue.ToBytes(Ciphertext);
            var region = RegionOrDefault(Region);
            var destination = KeyRequest.For(DestinationKeyId.Value, region);
            if (!ShouldProcess($"ciphertext of {blob.Length} bytes", $"Re-encrypt under {destination.KeyId}")) return;
            var source = SourceKeyId is null ? null : KeyRequest.For(SourceKeyId.Value, region);
            var result = Await(new KmsCrypto(ActiveSession).ReEncryptAsync(region, blob, source, destination,
                new KmsCipherOptions(ContextTable.From(SourceEncryptionContext), []),
                new KmsCipherOptions(ContextTable.From(DestinationEncryptionContext), GrantToken ?? []), CancellationToken));
            WriteObject(AsByteArray ? result.Blob : Convert.ToBase64String(result.Blob));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, DestinationKeyId.Value);
        }
    }
}
