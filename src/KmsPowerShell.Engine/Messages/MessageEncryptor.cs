using System.Buffers.Binary;
using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Body;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Io;
using KmsPowerShell.Engine.Messages.Keyrings;
using KmsPowerShell.Engine.Messages.Primitives;

namespace KmsPowerShell.Engine.Messages;

/// <summary>Writes one message: data key from the keyring, header, body, and the signature footer for signed suites.</summary>
internal static class MessageEncryptor
{
    public static async Task<KmsMessageInfo> EncryptAsync(Stream plaintext, Stream ciphertext, IKeyring keyring, EncryptSettings settings,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        settings.Validate(keyring.EncryptedDataKeyCount);
        var suite = settings.Suite;
        using var materials = await MaterialsAsync(plaintext, keyring, settings, cancellationToken).ConfigureAwait(false);
        var context = materials.EncryptionContext;
        var signingKey = materials.SigningKey;
        var serializedContext = EncryptionContextCodec.Serialize(context);
        var messageId = RandomNumberGenerator.GetBytes(suite.MessageIdLength);
        using var keys = DerivedKeys.Derive(suite, materials.DataKey, messageId);
        CryptographicOperations.ZeroMemory(materials.DataKey);
        using var aes = new AesGcm(keys.EncryptionKey, AlgorithmSuite.TagLength);

        var body = HeaderWriter.WriteBody(suite, messageId, serializedContext, materials.EncryptedDataKeys, settings.Framed, settings.FrameLength, keys.CommitKey);
        var authIv = new byte[AlgorithmSuite.IvLength];
        var authTag = new byte[AlgorithmSuite.TagLength];
        aes.Encrypt(authIv, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, authTag, body);
        var header = new MessageHeader(suite.FormatVersion, suite, messageId, context, materials.EncryptedDataKeys, settings.Framed,
            settings.Framed ? settings.FrameLength : 0, keys.CommitKey, body, authIv, authTag);
        var serializedHeader = header.Serialized();

        using var hash = suite.Signature is { } signature ? IncrementalHash.CreateHash(signature.Hash) : null;
        hash?.AppendData(serializedHeader);
        ciphertext.Write(serializedHeader);

        var counter = new ProgressCounter(progress);
        using var secondAes = BodyContext.SecondCipher(settings.Framed, keys.EncryptionKey);
        var bodyContext = new BodyContext(new MessageInput(plaintext), ciphertext, aes, secondAes, messageId, hash, counter.Add, cancellationToken);
        var plaintextLength = settings.Framed
            ? await FramedBodyEncryptor.EncryptAsync(bodyContext, settings.FrameLength).ConfigureAwait(false)
            : NonFramedBody.Encrypt(bodyContext);

        if (signingKey is not null && hash is not null)
        {
            var signatureBytes = signingKey.SignHash(hash.GetHashAndReset(), DSASignatureFormat.Rfc3279DerSequence);
            var footer = new byte[2 + signatureBytes.Length];
            BinaryPrimitives.WriteUInt16BigEndian(footer, (ushort)signatureBytes.Length);
            signatureBytes.CopyTo(footer, 2);
            ciphertext.Write(footer);
        }
        ciphertext.Flush();
        var info = header.ToInfo();
        info.PlaintextLength = plaintextLength;
        info.DataKeyFromCache = materials.FromCache;
        return info;
    }

    /// <summary>
    /// From the cache when caching is on and the plaintext's length is known (the caching CMM needs it to count bytes),
    /// else from the keyring.
    /// </summary>
    private static Task<EncryptionMaterials> MaterialsAsync(Stream plaintext, IKeyring keyring, EncryptSettings settings, CancellationToken cancellationToken)
    {
        Task<EncryptionMaterials> Generate(CancellationToken ct) => EncryptionMaterials.GenerateAsync(keyring, settings.Suite, settings.EncryptionContext, ct);
        if (settings.Caching is not { } caching || !plaintext.CanSeek) return Generate(cancellationToken);
        var length = Math.Max(0, plaintext.Length - plaintext.Position);
        return caching.Cache.GetOrGenerateAsync(caching.Partition, settings.Suite, settings.EncryptionContext, length, caching.Limits, Generate, cancellationToken);
    }
}
