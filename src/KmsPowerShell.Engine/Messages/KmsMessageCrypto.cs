using KmsPowerShell.Engine.Messages.Caching;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Io;
using KmsPowerShell.Engine.Messages.Keyrings;

namespace KmsPowerShell.Engine.Messages;

/// <summary>
/// Encrypts and decrypts AWS Encryption SDK messages with KMS keys of a session: files (through a temporary file,
/// renamed into place only on success), streams, and bytes in memory. Bad messages raise
/// <see cref="KmsMessageException"/>; KMS failures raise <see cref="KmsServiceException"/>.
/// </summary>
public sealed class KmsMessageCrypto
{
    private readonly Func<KmsEncryptOptions, IKeyring> _encryptKeyring;
    private readonly Func<KmsDecryptOptions, IKeyring> _decryptKeyring;
    private readonly DataKeyCache? _cache;
    private readonly string _region;

    public KmsMessageCrypto(KmsSession session)
        : this(o => KmsKeyring.WithKeys(session, o.KeyIds), o => DecryptKeyring(session, o), Session.KmsClientPool.Of(session).Shared(() => new DataKeyCache()), session.Region)
    {
    }

    internal KmsMessageCrypto(Func<KmsEncryptOptions, IKeyring> encryptKeyring, Func<KmsDecryptOptions, IKeyring> decryptKeyring,
        DataKeyCache? cache = null, string region = "")
    {
        _encryptKeyring = encryptKeyring;
        _decryptKeyring = decryptKeyring;
        _cache = cache;
        _region = region;
    }

    /// <summary>Encrypts a stream to a stream. <paramref name="progress"/> receives plaintext bytes done so far.</summary>
    public Task<KmsMessageInfo> EncryptAsync(Stream plaintext, Stream ciphertext, KmsEncryptOptions options,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        MessageEncryptor.EncryptAsync(plaintext, ciphertext, _encryptKeyring(options), EncryptSettingsOf(options), progress, cancellationToken);

    /// <summary>
    /// Decrypts a stream to a stream, frame by frame. Plaintext written before an exception is unauthenticated and
    /// must be discarded: use <see cref="DecryptFileAsync"/> or <see cref="DecryptBytesAsync"/> when that is not possible.
    /// <paramref name="progress"/> receives ciphertext bytes read so far.
    /// </summary>
    public Task<KmsMessageInfo> DecryptAsync(Stream ciphertext, Stream plaintext, KmsDecryptOptions options,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        MessageDecryptor.DecryptAsync(ciphertext, plaintext, _decryptKeyring(options), SettingsOf(options), progress, cancellationToken);

    /// <summary>Encrypts bytes in memory.</summary>
    public async Task<KmsMessageBytes> EncryptBytesAsync(ReadOnlyMemory<byte> plaintext, KmsEncryptOptions options, CancellationToken cancellationToken = default)
    {
        using var output = new MemoryStream();
        using var input = new ReadOnlyMemoryStream(plaintext);
        var info = await EncryptAsync(input, output, options, null, cancellationToken).ConfigureAwait(false);
        return new KmsMessageBytes(output.ToArray(), info);
    }

    /// <summary>Decrypts bytes in memory; the plaintext is returned only once the whole message has verified.</summary>
    public async Task<KmsMessageBytes> DecryptBytesAsync(ReadOnlyMemory<byte> ciphertext, KmsDecryptOptions options, CancellationToken cancellationToken = default)
    {
        var output = new MemoryStream();
        try
        {
            using var input = new ReadOnlyMemoryStream(ciphertext);
            var info = await DecryptAsync(input, output, options, null, cancellationToken).ConfigureAwait(false);
            return new KmsMessageBytes(output.ToArray(), info);
        }
        finally
        {
            if (output.TryGetBuffer(out var buffer)) System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>Encrypts a file into a new file (temporary file first, then renamed).</summary>
    public async Task<KmsMessageInfo> EncryptFileAsync(string sourcePath, string destinationPath, KmsEncryptOptions options, bool overwrite = false,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var keyring = _encryptKeyring(options);
        var settings = EncryptSettingsOf(options);
        await using var source = AtomicFile.OpenRead(sourcePath);
        return await AtomicFile.WriteAsync(destinationPath, overwrite,
            output => MessageEncryptor.EncryptAsync(source, output, keyring, settings, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decrypts a file into a new file. The plaintext goes to a temporary file beside the destination, renamed into
    /// place only after every frame and the signature verified; on any failure no output file is left.
    /// </summary>
    public async Task<KmsMessageInfo> DecryptFileAsync(string sourcePath, string destinationPath, KmsDecryptOptions options, bool overwrite = false,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var keyring = _decryptKeyring(options);
        var settings = SettingsOf(options);
        await using var source = AtomicFile.OpenRead(sourcePath);
        return await AtomicFile.WriteAsync(destinationPath, overwrite,
            output => MessageDecryptor.DecryptAsync(source, output, keyring, settings, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decrypts and authenticates a whole message file (every frame and the signature) and discards the plaintext:
    /// nothing is written anywhere. A message that does not verify raises as <see cref="DecryptFileAsync"/> does.
    /// </summary>
    public async Task<KmsMessageInfo> VerifyFileAsync(string sourcePath, KmsDecryptOptions options, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var keyring = _decryptKeyring(options);
        await using var source = AtomicFile.OpenRead(sourcePath);
        return await MessageDecryptor.DecryptAsync(source, Stream.Null, keyring, SettingsOf(options), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-encrypts a message file under the keys of <paramref name="encryptOptions"/> (in place when the paths are the
    /// same and <paramref name="overwrite"/> is set). When <paramref name="encryptOptions"/> names no context, the new
    /// message keeps the old one's. Plaintext only ever passes through memory.
    /// </summary>
    public Task<KmsMessageInfo> ReEncryptFileAsync(string sourcePath, string destinationPath, KmsDecryptOptions decryptOptions, KmsEncryptOptions encryptOptions,
        bool overwrite = false, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        MessageReEncryptor.ReEncryptFileAsync(sourcePath, destinationPath, header =>
        {
            var options = encryptOptions.EncryptionContext.Count > 0 ? encryptOptions : new KmsEncryptOptions
            {
                KeyIds = encryptOptions.KeyIds,
                AlgorithmSuite = encryptOptions.AlgorithmSuite,
                FrameLength = encryptOptions.FrameLength,
                CommitmentPolicy = encryptOptions.CommitmentPolicy,
                MaxEncryptedDataKeys = encryptOptions.MaxEncryptedDataKeys,
                EncryptionContext = header.EncryptionContext
                    .Where(pair => !pair.Key.StartsWith("aws-crypto-", StringComparison.Ordinal))
                    .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            };
            return (_encryptKeyring(options), SettingsOf(options));
        }, _decryptKeyring(decryptOptions), SettingsOf(decryptOptions), overwrite, progress, cancellationToken);

    /// <summary>
    /// For a process about to end (SIGTERM): removes the named temporary files of every file being written, at once,
    /// and lets no new one be made; the work in flight then fails. Unnamed outputs (Linux) vanish with the process.
    /// </summary>
    public static void RemoveUnfinishedFiles() => AtomicFile.RemoveUnfinished();

    /// <summary>
    /// Reads a message header without decrypting anything: no KMS call. A header with more encrypted data keys than
    /// <paramref name="maxEncryptedDataKeys"/> (null: no limit) is refused before they are read.
    /// </summary>
    public static KmsMessageInfo ReadInfo(Stream ciphertext, int? maxEncryptedDataKeys = KmsDecryptOptions.DefaultMaxEncryptedDataKeys) =>
        MessageDecryptor.ReadInfo(ciphertext, maxEncryptedDataKeys);

    internal static EncryptSettings SettingsOf(KmsEncryptOptions options) => new(
        AlgorithmSuite.Of(options.EffectiveSuite), options.FrameLength, options.EncryptionContext, options.CommitmentPolicy, options.MaxEncryptedDataKeys);

    /// <summary>
    /// The settings, with the session's data key cache when asked for. The partition is the key list (in order: the
    /// first generates) and the session's region (which key ids without a region resolve in), so a key set never
    /// reuses another's data key.
    /// </summary>
    private EncryptSettings EncryptSettingsOf(KmsEncryptOptions options)
    {
        var settings = SettingsOf(options);
        if (options.DataKeyCache is not { } limits) return settings;
        if (_cache is null) throw new InvalidOperationException("This message crypto has no data key cache.");
        var partition = "kmsps-keys\n" + _region + "\n" + string.Join("\n", options.KeyIds);
        return settings with { Caching = new DataKeyCaching(_cache, partition, limits) };
    }

    internal static DecryptSettings SettingsOf(KmsDecryptOptions options) =>
        new(options.CommitmentPolicy, options.MaxEncryptedDataKeys, options.RequiredEncryptionContext);

    private static IKeyring DecryptKeyring(KmsSession session, KmsDecryptOptions options)
    {
        if (KmsDecryptOptions.KeysProblem(options.KeyIds.Count > 0, options.Discovery, nameof(options.KeyIds)) is { } problem) throw problem;
        if (!options.Discovery) return KmsKeyring.WithKeys(session, options.KeyIds);
        var accounts = options.DiscoveryAccountIds is { } ids ? new HashSet<string>(ids, StringComparer.Ordinal) : null;
        return KmsKeyring.Discovery(session, new DiscoveryFilter(options.DiscoveryPartition, accounts));
    }
}
