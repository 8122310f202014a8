using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Encryption;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Messages;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// Re-encrypts under another key or context. KMS ciphertext blobs: KMS ReEncrypt, so the plaintext never leaves
/// KMS. AWS Encryption SDK message files: streaming decrypt and re-encrypt through memory, with the same atomic rules
/// as Unprotect-KmsData (the new file replaces the old only once the old message verified and the new one is whole).
/// </summary>
[Cmdlet(VerbsData.Update, "KmsCiphertext", SupportsShouldProcess = true, DefaultParameterSetName = CiphertextSet)]
[OutputType(typeof(string), typeof(byte[]), typeof(FileInfo))]
public sealed class UpdateKmsCiphertextCommand : KmsMessageFileCmdlet
{
    private const string CiphertextSet = "Ciphertext";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>A KMS ciphertext blob: base64 text or bytes.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CiphertextSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CiphertextBlob")]
    public object Ciphertext { get; set; } = null!;

    /// <summary>Message files to re-encrypt (in place unless -OutFile or -DestinationPath); wildcards allowed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Message files, taken as typed; FileInfo objects from Get-ChildItem bind here.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>The key to encrypt under now.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference DestinationKeyId { get; set; } = null!;

    /// <summary>The key that encrypted the ciphertext: required for asymmetric keys; for messages, strict mode.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference? SourceKeyId { get; set; }

    /// <summary>Messages: decrypt with any key the message names, instead of -SourceKeyId.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Discovery { get; set; }

    /// <summary>KMS blobs: the context used to encrypt. Messages: pairs the old message must hold.</summary>
    [Parameter]
    public Hashtable? SourceEncryptionContext { get; set; }

    /// <summary>The context of the new ciphertext; a message keeps its old context when this is omitted.</summary>
    [Parameter]
    public Hashtable? DestinationEncryptionContext { get; set; }

    /// <summary>Blobs: how the ciphertext was encrypted; RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256 for an RSA source key.</summary>
    [Parameter(ParameterSetName = CiphertextSet)]
    [ValidateKmsName(KmsNameList.EncryptionAlgorithm), ArgumentCompleter(typeof(EncryptionAlgorithmCompleter))]
    public string? SourceEncryptionAlgorithm { get; set; }

    /// <summary>Blobs: how to encrypt the new ciphertext; RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256 for an RSA destination key.</summary>
    [Parameter(ParameterSetName = CiphertextSet)]
    [ValidateKmsName(KmsNameList.EncryptionAlgorithm), ArgumentCompleter(typeof(EncryptionAlgorithmCompleter))]
    public string? DestinationEncryptionAlgorithm { get; set; }

    [Parameter(ParameterSetName = CiphertextSet)]
    public string[]? GrantToken { get; set; }

    [Parameter(ParameterSetName = CiphertextSet)]
    public SwitchParameter AsByteArray { get; set; }

    /// <summary>Messages: the suite of the new message, 0x0578 (default) or 0x0478.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateSet("Aes256GcmHkdfSha512CommitKeyEcdsaP384", "Aes256GcmHkdfSha512CommitKey"), SuiteIdText]
    public KmsAlgorithmSuite Algorithm { get; set; } = KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384;

    /// <summary>Messages: refuse a message with more encrypted data keys than this (10 by default), before any KMS call.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateRange(1, 65535)]
    public int MaxEncryptedDataKeys { get; set; } = KmsDecryptOptions.DefaultMaxEncryptedDataKeys;

    /// <summary>Replaces an existing file at -OutFile or in -DestinationPath.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Force { get; set; }

    private protected override string FilesActivity => "Re-encrypting files";

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ParameterSetName != CiphertextSet && KmsDecryptOptions.KeysProblem(SourceKeyId is not null, Discovery, "-SourceKeyId") is { } problem)
        {
            ThrowInvocationError(problem, SourceKeyId);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == CiphertextSet)
        {
            UpdateBlob();
            return;
        }
        ForEachFile(ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet);
    }

    private void UpdateBlob()
    {
        try
        {
            var blob = CiphertextValue.ToBytes(Ciphertext);
            var region = RegionOrDefault(Region);
            var destination = KeyRequest.For(DestinationKeyId.Value, region);
            if (!ShouldProcess($"ciphertext of {blob.Length} bytes", $"Re-encrypt under {destination.KeyId}")) return;
            var source = SourceKeyId is null ? null : KeyRequest.For(SourceKeyId.Value, region);
            var result = Await(new KmsCrypto(ActiveSession).ReEncryptAsync(region, blob, source, destination,
                new KmsCipherOptions(ContextTable.From(SourceEncryptionContext, "-SourceEncryptionContext"), [], SourceEncryptionAlgorithm),
                new KmsCipherOptions(ContextTable.From(DestinationEncryptionContext, "-DestinationEncryptionContext"), GrantToken ?? [], DestinationEncryptionAlgorithm), CancellationToken));
            WriteInOrder(() => WriteObject(AsByteArray ? result.Blob : Convert.ToBase64String(result.Blob)));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteInOrder(() => WriteKmsError(e, DestinationKeyId.Value));
        }
    }

    private protected override string DefaultOutput(string source) => source;

    private protected override void StartFile(string source, string destination)
    {
        var decrypt = new KmsDecryptOptions
        {
            KeyIds = SourceKeyId is null ? [] : [SourceKeyId.Value],
            Discovery = Discovery,
            RequiredEncryptionContext = ContextTable.From(SourceEncryptionContext, "-SourceEncryptionContext"),
            MaxEncryptedDataKeys = MaxEncryptedDataKeys,
        };
        var encrypt = new KmsEncryptOptions
        {
            KeyIds = [DestinationKeyId.Value],
            AlgorithmSuite = Algorithm,
            EncryptionContext = ContextTable.From(DestinationEncryptionContext, "-DestinationEncryptionContext"),
        };
        var crypto = new KmsMessageCrypto(ActiveSession);
        RunOnFile(source, destination, $"Re-encrypt {source} under {DestinationKeyId.Value}", $"Re-encrypting {System.IO.Path.GetFileName(source)}",
            progress => crypto.ReEncryptFileAsync(source, destination, decrypt, encrypt,
                overwrite: destination == source || Force, progress, CancellationToken));
    }
}
