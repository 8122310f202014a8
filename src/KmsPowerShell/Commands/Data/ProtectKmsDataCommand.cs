using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Encryption;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Engine.Messages.Caching;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// Encrypts with KMS. Values of up to 4096 bytes: KMS Encrypt, giving the KMS ciphertext blob that `aws kms decrypt`
/// and every AWS SDK read. Files (-Path, -LiteralPath) and values of any size (-Envelope): the AWS Encryption SDK
/// message format, which every Encryption SDK reads.
/// </summary>
[Cmdlet(VerbsSecurity.Protect, "KmsData", DefaultParameterSetName = ValueSet, SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(byte[]), typeof(FileInfo))]
public sealed class ProtectKmsDataCommand : KmsMessageFileCmdlet
{
    private const string ValueSet = "Value";
    private const string EnvelopeSet = "Envelope";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private KmsCipherOptions _options = KmsCipherOptions.None;
    private DataKeyCacheLimits? _cacheLimits;
    private KeyRequest? _valueKey;

    /// <summary>The KMS key to encrypt under; for messages, several keys give one encrypted data key each.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    [ValidateNotNullOrEmpty]
    public KmsKeyReference[] KeyId { get; set; } = [];

    /// <summary>
    /// The data: a string (encrypted as UTF-8), a SecureString or a byte array. A FileInfo piped here (as
    /// `Get-ChildItem *.csv | Protect-KmsData -KeyId ...` does) is encrypted as a file.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ValueSet, ValueFromPipeline = true)]
    // Not from the pipeline with -Envelope: an object-typed pipeline parameter there would take piped FileInfo
    // objects from -LiteralPath whenever only parameters shared with the file sets are given.
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = EnvelopeSet)]
    public object Value { get; set; } = null!;

    /// <summary>Writes an AWS Encryption SDK message for a value of any size, instead of calling KMS Encrypt.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EnvelopeSet)]
    public SwitchParameter Envelope { get; set; }

    /// <summary>Files to encrypt; wildcards allowed. (Strings from the pipeline are values, never paths.)</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Files to encrypt, taken as typed; FileInfo objects from Get-ChildItem bind here.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>The message's algorithm suite: 0x0578 (signed, committing; the default) or 0x0478 (committing, unsigned).</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateSet("Aes256GcmHkdfSha512CommitKeyEcdsaP384", "Aes256GcmHkdfSha512CommitKey"), SuiteIdText]
    public KmsAlgorithmSuite Algorithm { get; set; } = KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384;

    /// <summary>Bytes of plaintext per frame of the message (default 4096).</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateRange(1, int.MaxValue)]
    public int FrameLength { get; set; } = KmsEncryptOptions.DefaultFrameLength;

    /// <summary>
    /// Reuses data keys from the session's data key cache, as the Encryption SDK's caching CMM does, instead of one KMS
    /// GenerateDataKey call per message: for many small files or values. A cached key encrypts only messages with the
    /// same keys, algorithm suite and encryption context, and only within -DataKeyCacheMaxAge, -DataKeyCacheMaxMessages
    /// and -DataKeyCacheMaxBytes. Signed suites (0x0578) are cached too: the entry keeps its signing key, so the
    /// messages of one cached data key share one signature key pair. Keys stay in memory only and are zeroed when
    /// evicted or when the session closes (Disconnect-Kms).
    /// </summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter DataKeyCache { get; set; }

    /// <summary>How long after KMS made it a cached data key may encrypt: a TimeSpan or seconds (default 5 minutes).</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [SecondsOrTimeSpan]
    public TimeSpan DataKeyCacheMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many messages one cached data key may encrypt (default and maximum 2^32).</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateRange(1L, DataKeyCacheLimits.DefaultMaxMessages)]
    public long DataKeyCacheMaxMessages { get; set; } = DataKeyCacheLimits.DefaultMaxMessages;

    /// <summary>How many plaintext bytes one cached data key may encrypt, over all its messages (default: no limit).</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateRange(0L, long.MaxValue)]
    public long DataKeyCacheMaxBytes { get; set; } = long.MaxValue;

    /// <summary>Pairs bound to the ciphertext: KMS Encrypt needs them again to decrypt; messages carry them.</summary>
    [Parameter]
    public Hashtable? EncryptionContext { get; set; }

    /// <summary>Grant tokens for KMS Encrypt.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    public string[]? GrantToken { get; set; }

    /// <summary>For KMS Encrypt: SYMMETRIC_DEFAULT for symmetric keys; RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256 for RSA keys.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    [ValidateKmsName(KmsNameList.EncryptionAlgorithm), ArgumentCompleter(typeof(EncryptionAlgorithmCompleter))]
    public string? EncryptionAlgorithm { get; set; }

    /// <summary>Writes the ciphertext as bytes instead of base64 text.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    [Parameter(ParameterSetName = EnvelopeSet)]
    public SwitchParameter AsByteArray { get; set; }

    /// <summary>Replaces an existing output file.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Force { get; set; }

    private bool IsFileSet => ParameterSetName is PathSet or LiteralPathSet;

    private protected override string FilesActivity => "Encrypting files";

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            // A piped value is checked when it comes: piped files bind here too, and take several keys.
            if (ParameterSetName == ValueSet && MyInvocation.BoundParameters.ContainsKey(nameof(Value)) && PipedFile.Of(Value) is null) RequireOneKeyForValue();
            var limitGiven = new[] { nameof(DataKeyCacheMaxAge), nameof(DataKeyCacheMaxMessages), nameof(DataKeyCacheMaxBytes) }
                .FirstOrDefault(MyInvocation.BoundParameters.ContainsKey);
            if (limitGiven is not null && !DataKeyCache)
            {
                throw new KmsArgumentException("DataKeyCacheLimitWithoutCache", $"-{limitGiven} limits the data key cache: add -DataKeyCache to use it.");
            }
            if (DataKeyCache) _cacheLimits = new DataKeyCacheLimits(DataKeyCacheMaxAge, DataKeyCacheMaxMessages, DataKeyCacheMaxBytes);
            _options = new KmsCipherOptions(ContextTable.From(EncryptionContext), GrantToken ?? [], EncryptionAlgorithm);
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, KeyId);
        }
    }

    protected override void ProcessRecord()
    {
        if (IsFileSet)
        {
            ForEachFile(ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet);
            return;
        }
        if (PipedFile.Of(Value) is { } file)
        {
            ForEachFile([file], literal: true);
            return;
        }
        if (ParameterSetName == ValueSet) RequireOneKeyForValue();
        byte[]? plaintext = null;
        try
        {
            plaintext = SecretValue.ToBytes(Value);
            if ((ParameterSetName == EnvelopeSet ? ProtectEnvelope(plaintext) : ProtectValue(plaintext)) is { } ciphertext) WriteInOrder(() => WriteCiphertext(ciphertext));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            // The target is the key, never the value: a secret must not reach the error record.
            WriteInOrder(() => WriteKmsError(e, KeyId[0].Value));
        }
        finally
        {
            SecretValue.Zero(plaintext);
        }
    }

    private void RequireOneKeyForValue()
    {
        if (KeyId.Length <= 1) return;
        ThrowInvocationError(new KmsArgumentException("KeyIdTooMany",
            "KMS Encrypt uses one key. For one encrypted data key per key, use -Envelope or -Path."), KeyId);
    }

    /// <summary>KMS Encrypt of one value, after ShouldProcess (null under -WhatIf or a "no").</summary>
    private byte[]? ProtectValue(byte[] plaintext)
    {
        if (plaintext.Length is 0 or > KmsCrypto.MaxPlaintextBytes)
        {
            throw new KmsArgumentException("ValueSizeInvalid", plaintext.Length == 0
                ? "-Value is empty: KMS encrypts 1 to 4096 bytes."
                : $"-Value is {plaintext.Length} bytes; KMS Encrypt takes at most 4096. Use Protect-KmsData -Envelope for larger values, or -Path for files.");
        }
        // One key for every value of the pipeline: parsed once.
        var key = _valueKey ??= KeyRequest.For(KeyId[0].Value, RegionOrDefault(Region));
        if (!ShouldProcess(KeyId[0].Value, "Encrypt a value (KMS Encrypt)")) return null;
        var ciphertext = WithAlgorithmHint(() => Await(new KmsCrypto(ActiveSession).EncryptAsync(key, plaintext, _options, CancellationToken)), key, EncryptionAlgorithm);
        WriteVerbose($"Encrypted {plaintext.Length} bytes under {ciphertext.KeyArn}.");
        return ciphertext.Blob;
    }

    /// <summary>An Encryption SDK message of one value, after ShouldProcess (null under -WhatIf or a "no").</summary>
    private byte[]? ProtectEnvelope(byte[] plaintext)
    {
        if (!ShouldProcess(KeyNames, "Encrypt a value as an AWS Encryption SDK message")) return null;
        var message = Await(new KmsMessageCrypto(ActiveSession).EncryptBytesAsync(plaintext, MessageOptions(), CancellationToken));
        WriteVerbose(MessageVerbose.Describe(message.Info));
        return message.Bytes;
    }

    private string KeyNames => string.Join(", ", KeyId.Select(k => k.Value));

    private void WriteCiphertext(byte[] ciphertext) => WriteObject(AsByteArray ? ciphertext : Convert.ToBase64String(ciphertext));

    private protected override string DefaultOutput(string source) => source + ".encrypted";

    private protected override void StartFile(string source, string destination)
    {
        var crypto = new KmsMessageCrypto(ActiveSession);
        var options = MessageOptions();
        RunOnFile(source, destination, $"Encrypt {source} under {KeyNames}", $"Encrypting {System.IO.Path.GetFileName(source)}",
            progress => crypto.EncryptFileAsync(source, destination, options, Force, progress, CancellationToken));
    }

    private KmsEncryptOptions MessageOptions() => new()
    {
        KeyIds = KeyId.Select(k => k.Value).ToArray(),
        AlgorithmSuite = Algorithm,
        FrameLength = FrameLength,
        EncryptionContext = _options.EncryptionContext,
        DataKeyCache = _cacheLimits,
    };
}
