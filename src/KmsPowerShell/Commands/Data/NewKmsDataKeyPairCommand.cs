using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Encryption;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// Generates a key pair for use outside KMS (RSA, ECC, Ed25519, ML-KEM or SM2): the public key, and the private key
/// encrypted under a symmetric KMS key. The private key itself only on request: -IncludePrivateKey (PEM in a SecureString) or -AsByteArray (DER).
/// </summary>
[Cmdlet(VerbsCommon.New, "KmsDataKeyPair")]
[OutputType(typeof(KmsDataKeyPair))]
public sealed class NewKmsDataKeyPairCommand : KmsRegionCmdlet
{
    /// <summary>The symmetric KMS key that encrypts the private key.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference KeyId { get; set; } = null!;

    /// <summary>The kind of key pair.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateKmsName(KmsNameList.DataKeyPairSpec), ArgumentCompleter(typeof(DataKeyPairSpecCompleter))]
    public string KeyPairSpec { get; set; } = "";

    /// <summary>Pairs bound to the encrypted private key: decrypting it needs the same pairs.</summary>
    [Parameter]
    public Hashtable? EncryptionContext { get; set; }

    /// <summary>Grant tokens; a piped KmsGrant from New-KmsGrant binds its token here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? GrantToken { get; set; }

    /// <summary>Returns the private key too, as PEM text in a SecureString (PrivateKey).</summary>
    [Parameter]
    public SwitchParameter IncludePrivateKey { get; set; }

    /// <summary>Returns the private key too, as PKCS#8 DER bytes (PrivateKeyBytes).</summary>
    [Parameter]
    public SwitchParameter AsByteArray { get; set; }

    protected override void ProcessRecord()
    {
        byte[]? privateKey = null;
        try
        {
            var options = new KmsCipherOptions(ContextTable.From(EncryptionContext), GrantToken ?? []);
            var withPrivateKey = IncludePrivateKey || AsByteArray;
            var pair = Await(new KmsKeyPairs(ActiveSession).GenerateAsync(KeyRequest.For(KeyId.Value, RegionOrDefault(Region)), KeyPairSpec,
                !withPrivateKey, options, CancellationToken));
            privateKey = pair.PrivateKeyBytes;
            WriteVerbose($"Generated a {pair.KeyPairSpec} key pair; its private key is encrypted under {pair.KeyArn}.");
            WriteObject(new KmsDataKeyPair(pair.KeyArn, pair.Region, pair.KeyPairSpec, pair.PublicKey, pair.PrivateKeyCiphertextBlob)
            {
                PrivateKeyBytes = AsByteArray ? privateKey : null,
                PrivateKey = IncludePrivateKey && privateKey is not null ? PemSecureString(privateKey) : null,
            });
            if (AsByteArray) privateKey = null; // handed to the caller
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, KeyId.Value);
        }
        finally
        {
            SecretValue.Zero(privateKey);
        }
    }

    private static System.Security.SecureString PemSecureString(byte[] pkcs8)
    {
        var pem = KmsKeyPairs.PrivateKeyPem(pkcs8);
        try
        {
            var secure = new System.Security.SecureString();
            foreach (var c in pem) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
        finally
        {
            Array.Clear(pem);
        }
    }
}
