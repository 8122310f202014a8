using System.Collections;
using System.Management.Automation;
using System.Security;
using System.Text;
using KmsPowerShell.Engine.Encryption;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Messages;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// Decrypts KMS ciphertext blobs (Protect-KmsData, `aws kms encrypt`, any SDK) and AWS Encryption SDK messages
/// (files, or -Envelope in memory). Values come back as a SecureString by default; files are written through a
/// temporary file that is renamed into place only after the whole message, signature included, has verified.
/// </summary>
[Cmdlet(VerbsSecurity.Unprotect, "KmsData", DefaultParameterSetName = CiphertextSet, SupportsShouldProcess = true)]
[OutputType(typeof(SecureString), typeof(string), typeof(byte[]), typeof(FileInfo))]
public sealed class UnprotectKmsDataCommand : KmsMessageFileCmdlet
{
    private const string CiphertextSet = "Ciphertext";
    private const string EnvelopeSet = "Envelope";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private KmsCipherOptions _options = KmsCipherOptions.None;

    /// <summary>The ciphertext: base64 text or a byte array. A FileInfo piped here is decrypted as a message file.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CiphertextSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    // Not from the pipeline with -Envelope: an object-typed pipeline parameter there would take piped FileInfo
    // objects from -LiteralPath.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = EnvelopeSet)]
    [Alias("CiphertextBlob")]
    public object Ciphertext { get; set; } = null!;

    /// <summary>The ciphertext is an AWS Encryption SDK message (Protect-KmsData -Envelope), not a KMS ciphertext blob.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EnvelopeSet)]
    public SwitchParameter Envelope { get; set; }

    /// <summary>Encrypted files to decrypt; wildcards allowed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Encrypted files, taken as typed; FileInfo objects from Get-ChildItem bind here.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>KMS blobs: the key that must have encrypted them. Messages: strict mode, only these keys are used.</summary>
    [Parameter]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference[]? KeyId { get; set; }

    /// <summary>Messages: decrypt with whatever KMS key the message names (filtered by -DiscoveryAccount and -DiscoveryPartition).</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Discovery { get; set; }

    /// <summary>With -Discovery: only keys of these accounts.</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidatePattern("^[0-9]{12}$")]
    public string[]? DiscoveryAccount { get; set; }

    /// <summary>With -DiscoveryAccount: the partition of those accounts (aws, aws-cn, aws-us-gov); aws by default.</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public string? DiscoveryPartition { get; set; }

    /// <summary>KMS blobs: the encryption context used to encrypt. Messages: pairs the message must hold.</summary>
    [Parameter]
    public Hashtable? EncryptionContext { get; set; }

    /// <summary>Messages: refuse a message with more encrypted data keys than this (10 by default), before any KMS call.</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateRange(1, 65535)]
    public int MaxEncryptedDataKeys { get; set; } = KmsDecryptOptions.DefaultMaxEncryptedDataKeys;

    /// <summary>Messages: RequireEncryptRequireDecrypt (default) refuses suites without key commitment.</summary>
    [Parameter(ParameterSetName = EnvelopeSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public KmsCommitmentPolicy CommitmentPolicy { get; set; } = KmsCommitmentPolicy.RequireEncryptRequireDecrypt;

    [Parameter(ParameterSetName = CiphertextSet)]
    public string[]? GrantToken { get; set; }

    [Parameter(ParameterSetName = CiphertextSet)]
    [ValidateKmsName(KmsNameList.EncryptionAlgorithm), ArgumentCompleter(typeof(EncryptionAlgorithmCompleter))]
    public string? EncryptionAlgorithm { get; set; }

    /// <summary>Writes the plaintext as a string (UTF-8) instead of a SecureString.</summary>
    [Parameter(ParameterSetName = CiphertextSet)]
    [Parameter(ParameterSetName = EnvelopeSet)]
    public SwitchParameter AsPlainText { get; set; }

    /// <summary>Writes the plaintext as bytes instead of a SecureString.</summary>
    [Parameter(ParameterSetName = CiphertextSet)]
    [Parameter(ParameterSetName = EnvelopeSet)]
    public SwitchParameter AsByteArray { get; set; }

    /// <summary>
    /// Decrypts and authenticates each whole message (every frame and the signature) and writes no plaintext anywhere;
    /// outputs each input file that verified. Not with -OutFile, -DestinationPath or -Force.
    /// </summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter VerifyOnly { get; set; }

    /// <summary>Replaces an existing output file (only once the whole message has verified).</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Force { get; set; }

    private protected override string FilesActivity => "Decrypting files";

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            if (AsPlainText && AsByteArray) throw new KmsArgumentException("OutputFormatConflict", "-AsPlainText and -AsByteArray cannot be used together.");
            if (VerifyOnly && (OutFile is not null || DestinationPath is not null || Force))
            {
                throw new KmsArgumentException("OutputPathConflict", "-VerifyOnly writes no output: drop -OutFile, -DestinationPath and -Force, or drop -VerifyOnly to write the plaintext.");
            }
            if (ParameterSetName == CiphertextSet && KeyId is { Length: > 1 })
            {
                throw new KmsArgumentException("KeyIdTooMany", "A KMS ciphertext blob was encrypted under one key: give at most one -KeyId.");
            }
            if (ParameterSetName != CiphertextSet && KmsDecryptOptions.KeysProblem(KeyId is { Length: > 0 }, Discovery) is { } problem) throw problem;
            _options = new KmsCipherOptions(ContextTable.From(EncryptionContext), GrantToken ?? [], EncryptionAlgorithm);
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, KeyId);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName is PathSet or LiteralPathSet)
        {
            ForEachFile(ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet);
            return;
        }
        if (PipedFile.Of(Ciphertext) is { } file)
        {
            if (KmsDecryptOptions.KeysProblem(KeyId is { Length: > 0 }, Discovery) is { } problem)
            {
                WriteInOrder(() => WriteKmsError(problem, file));
                return;
            }
            ForEachFile([file], literal: true);
            return;
        }
        byte[]? plaintext = null;
        try
        {
            var blob = CiphertextValue.ToBytes(Ciphertext);
            plaintext = ParameterSetName == EnvelopeSet ? UnprotectEnvelope(blob) : UnprotectBlob(blob);
            if (plaintext is null) return; // -WhatIf, or a "no"
            object output = AsByteArray ? plaintext : AsPlainText ? Encoding.UTF8.GetString(plaintext) : SecretValue.ToSecureString(plaintext);
            if (AsByteArray) plaintext = null; // handed to the caller
            WriteInOrder(() => WriteObject(output));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteInOrder(() => WriteKmsError(e, KeyId is { Length: > 0 } ? KeyId[0].Value : null));
        }
        finally
        {
            SecretValue.Zero(plaintext);
        }
    }

    /// <summary>KMS Decrypt of one ciphertext blob, after ShouldProcess (null under -WhatIf or a "no").</summary>
    private byte[]? UnprotectBlob(byte[] blob)
    {
        var region = RegionOrDefault(Region);
        var key = KeyId is { Length: 1 } ? KeyRequest.For(KeyId[0].Value, region) : null;
        if (!ShouldProcess(KeyNames ?? $"ciphertext of {blob.Length} bytes", "Decrypt a value (KMS Decrypt)")) return null;
        var result = WithAlgorithmHint(() => Await(new KmsCrypto(ActiveSession).DecryptAsync(region, blob, key, _options, CancellationToken)), key, EncryptionAlgorithm);
        WriteVerbose($"Decrypted {result.Bytes.Length} bytes encrypted under {result.KeyArn}.");
        return result.Bytes;
    }

    /// <summary>One in-memory Encryption SDK message, after ShouldProcess (null under -WhatIf or a "no").</summary>
    private byte[]? UnprotectEnvelope(byte[] message)
    {
        if (!ShouldProcess(KeyNames ?? $"message of {message.Length} bytes", "Decrypt an AWS Encryption SDK message")) return null;
        var result = Await(new KmsMessageCrypto(ActiveSession).DecryptBytesAsync(message, MessageOptions(), CancellationToken));
        WriteVerbose(MessageVerbose.Describe(result.Info));
        return result.Bytes;
    }

    private string? KeyNames => KeyId is { Length: > 0 } ? string.Join(", ", KeyId.Select(k => k.Value)) : null;

    private protected override string DefaultOutput(string source) =>
        source.EndsWith(".encrypted", StringComparison.OrdinalIgnoreCase) ? source[..^".encrypted".Length] : source + ".decrypted";

    private protected override void StartFile(string source, string destination)
    {
        var crypto = new KmsMessageCrypto(ActiveSession);
        var options = MessageOptions();
        if (VerifyOnly)
        {
            RunOnFile(source, null, $"Verify {source} (decrypt, writing nothing)", $"Verifying {System.IO.Path.GetFileName(source)}",
                progress => crypto.VerifyFileAsync(source, options, progress, CancellationToken));
            return;
        }
        RunOnFile(source, destination, $"Decrypt {source}", $"Decrypting {System.IO.Path.GetFileName(source)}",
            progress => crypto.DecryptFileAsync(source, destination, options, Force, progress, CancellationToken));
    }

    private KmsDecryptOptions MessageOptions() => new()
    {
        KeyIds = KeyId?.Select(k => k.Value).ToArray() ?? [],
        Discovery = Discovery,
        DiscoveryAccountIds = DiscoveryAccount,
        DiscoveryPartition = DiscoveryAccount is { Length: > 0 } ? DiscoveryPartition ?? "aws" : DiscoveryPartition,
        RequiredEncryptionContext = _options.EncryptionContext,
        CommitmentPolicy = CommitmentPolicy,
        MaxEncryptedDataKeys = MaxEncryptedDataKeys,
    };
}
