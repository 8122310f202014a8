using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Encryption;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Data;

/// <summary>Generates a data key for your own envelope encryption: the plaintext to use and forget, and its encrypted copy to store.</summary>
[Cmdlet(VerbsCommon.New, "KmsDataKey", DefaultParameterSetName = KeySpecSet)]
[OutputType(typeof(KmsDataKey))]
public sealed class NewKmsDataKeyCommand : KmsRegionCmdlet
{
    private const string KeySpecSet = "KeySpec";
    private const string BytesSet = "NumberOfBytes";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn", "TargetKeyId")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference KeyId { get; set; } = null!;

    /// <summary>AES_256 (the default) or AES_128.</summary>
    [Parameter(ParameterSetName = KeySpecSet)]
    [ValidateKmsName(KmsNameList.DataKeySpec), ArgumentCompleter(typeof(DataKeySpecCompleter))]
    public string KeySpec { get; set; } = "AES_256";

    /// <summary>A data key of this many bytes (1 to 1024) instead of a key spec.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BytesSet)]
    [ValidateRange(1, 1024)]
    public int NumberOfBytes { get; set; }

    [Parameter]
    public Hashtable? EncryptionContext { get; set; }

    /// <summary>Grant tokens; a piped KmsGrant from New-KmsGrant binds its token here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? GrantToken { get; set; }

    /// <summary>Only the encrypted copy (GenerateDataKeyWithoutPlaintext), for a key to use later.</summary>
    [Parameter]
    public SwitchParameter WithoutPlaintext { get; set; }

    /// <summary>The plaintext as bytes (PlaintextBytes) instead of a SecureString.</summary>
    [Parameter]
    public SwitchParameter AsByteArray { get; set; }

    protected override void ProcessRecord()
    {
        byte[]? plaintext = null;
        try
        {
            var options = new KmsCipherOptions(ContextTable.From(EncryptionContext), GrantToken ?? []);
            var key = KeyRequest.For(KeyId.Value, RegionOrDefault(Region));
            var (clear, encrypted) = Await(new KmsCrypto(ActiveSession).GenerateDataKeyAsync(key,
                ParameterSetName == KeySpecSet ? KeySpec : null, ParameterSetName == BytesSet ? NumberOfBytes : null,
                WithoutPlaintext, options, CancellationToken));
            plaintext = clear?.Bytes;
            WriteObject(new KmsDataKey(encrypted.KeyArn, key.Region, encrypted.Blob)
            {
                PlaintextBytes = AsByteArray ? plaintext : null,
                Plaintext = plaintext is null || AsByteArray ? null : SecretValue.ToSecureString(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(plaintext))),
            });
            if (AsByteArray) plaintext = null; // handed to the caller
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, KeyId.Value);
        }
        finally
        {
            SecretValue.Zero(plaintext);
        }
    }
}
