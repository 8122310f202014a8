using System.Management.Automation;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Signing;

namespace KmsPowerShell.Commands.Signing;

/// <summary>
/// A cmdlet that uses one KMS key for each pipeline item (sign, verify, MAC): the key, grant tokens and region, and the
/// key's description, read once per key per invocation so arguments that cannot work fail before any call.
/// </summary>
public abstract class KmsKeyUseCmdlet : KmsPipedRegionCmdlet
{
    private readonly Dictionary<string, KmsKey?> _described = new(StringComparer.Ordinal);
    private KmsSigner? _signer;

    /// <summary>The KMS key: key id, key ARN, alias name or alias ARN; bound by property name from piped objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference KeyId { get; set; } = null!;

    /// <summary>Grant tokens that allow the call before the grant is everywhere; a piped KmsGrant binds its token here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? GrantToken { get; set; }

    protected KmsSigner Signer => _signer ??= new KmsSigner(ActiveSession);

    protected IReadOnlyList<string> GrantTokens => GrantToken ?? [];

    protected KeyRequest Key => KeyRequest.For(KeyId.Value, RegionOrDefault(Region));

    /// <summary>
    /// The key's spec, usage and algorithms: a piped KmsKey as it is, else DescribeKey once per key per invocation.
    /// Null when the caller may use the key but not describe it (a grantee): KMS then checks the arguments itself.
    /// </summary>
    private protected KeyFit? DescribeOnce()
    {
        if (KeyId.Key is { } piped) return KeyFit.Of(piped);
        var key = Key;
        var name = $"{key.Region}|{key.KeyId}";
        if (!_described.TryGetValue(name, out var described))
        {
            try
            {
                described = Await(Signer.DescribeAsync(key, CancellationToken));
            }
            catch (KmsServiceException e) when (e.ErrorCode == "AccessDeniedException")
            {
                WriteVerbose($"Key {key.KeyId} cannot be described with these credentials; KMS will check the arguments.");
                described = null;
            }
            _described[name] = described;
        }
        return described is null ? null : KeyFit.Of(described);
    }

    /// <summary>Reads a file for -Path or -LiteralPath into its digest, with a progress bar for large files.</summary>
    protected byte[] DigestOfFile(string path, System.Security.Cryptography.HashAlgorithmName hash)
    {
        var progress = new ProgressRecord(1, $"Hashing {Path.GetFileName(path)}", "Reading");
        var time = TimeProvider.System;
        var lastReport = time.GetTimestamp();
        try
        {
            var digest = FileDigest.Compute(path, hash, (done, total) =>
            {
                if (total < 64L << 20 || time.GetElapsedTime(lastReport) < TimeSpan.FromMilliseconds(500)) return;
                lastReport = time.GetTimestamp();
                progress.PercentComplete = (int)(done * 100 / total);
                WriteProgress(progress);
            }, CancellationToken);
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            return digest;
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Reports a file that cannot be read or written as a failure of this item.</summary>
    protected void WriteFileError(Exception exception, string path) =>
        WriteKmsError(exception is ItemNotFoundException ? new FileNotFoundException(exception.Message, path, exception) : exception, path);

    protected static bool IsFileFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or ItemNotFoundException;
}
