using System.Buffers.Binary;
using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Body;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Io;
using KmsPowerShell.Engine.Messages.Keyrings;
using KmsPowerShell.Engine.Messages.Primitives;

namespace KmsPowerShell.Engine.Messages;

/// <summary>
/// Reads one message. Everything that can be checked without KMS is checked first (format, key count, commitment
/// policy, required context, the verification key); then the data key, key commitment, header tag, every frame, the
/// footer and the end of the input. Plaintext reaches <c>plaintext</c> frame by frame: it is trustworthy only
/// when this method returns.
/// </summary>
internal static class MessageDecryptor
{
    public static async Task<KmsMessageInfo> DecryptAsync(Stream ciphertext, Stream plaintext, IKeyring keyring, DecryptSettings settings,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var start = ciphertext.CanSeek ? ciphertext.Position : 0;
        var input = new MessageInput(ciphertext);
        var header = HeaderReader.Read(input, settings.MaxEncryptedDataKeys);
        var suite = header.Suite;
        CheckPolicy(suite, settings.CommitmentPolicy);
        CheckRequiredContext(header.EncryptionContext, settings.RequiredEncryptionContext);
        using var verificationKey = VerificationKey(header);

        var decrypted = await keyring.DecryptAsync(suite, header.EncryptionContext, header.EncryptedDataKeys, cancellationToken).ConfigureAwait(false);
        using var keys = DerivedKeys.Derive(suite, decrypted.DataKey, header.MessageId);
        CryptographicOperations.ZeroMemory(decrypted.DataKey);
        if (suite.IsCommitting && !CryptographicOperations.FixedTimeEquals(keys.CommitKey, header.SuiteData))
        {
            throw new KmsMessageException(KmsMessageProblem.CommitmentMismatch,
                "The data key does not match the key commitment in the message header: the message was changed or built to deceive.");
        }
        using var aes = new AesGcm(keys.EncryptionKey, AlgorithmSuite.TagLength);
        try
        {
            aes.Decrypt(header.AuthIv, ReadOnlySpan<byte>.Empty, header.AuthTag, Span<byte>.Empty, header.Body);
        }
        catch (CryptographicException e)
        {
            throw MessageErrors.Tampered("the header", e);
        }

        using var hash = suite.Signature is { } signature ? IncrementalHash.CreateHash(signature.Hash) : null;
        hash?.AppendData(header.Serialized());
        var counter = new ProgressCounter(progress);
        counter.Add(input.Consumed);
        using var secondAes = BodyContext.SecondCipher(header.IsFramed, keys.EncryptionKey);
        var context = new BodyContext(input, plaintext, aes, secondAes, header.MessageId, hash, counter.Add, cancellationToken);
        long? bytesLeft = ciphertext.CanSeek ? Math.Max(0, ciphertext.Length - start - input.Consumed) : null;
        var plaintextLength = header.IsFramed
            ? await FramedBodyDecryptor.DecryptAsync(context, header.FrameLength, bytesLeft).ConfigureAwait(false)
            : NonFramedBody.Decrypt(context);

        var signatureBytes = verificationKey is null ? null : ReadFooter(input);
        if (!input.AtEnd()) throw MessageErrors.Malformed("there are bytes after the end of the message.");
        if (verificationKey is not null && !Verifies(verificationKey, hash!.GetHashAndReset(), signatureBytes!))
        {
            throw new KmsMessageException(KmsMessageProblem.SignatureInvalid,
                "The message signature does not verify: the message was changed after it was written.");
        }
        counter.Add(signatureBytes is null ? 0 : signatureBytes.Length + 2);
        plaintext.Flush();
        var info = header.ToInfo();
        info.DecryptedWithKeyArn = decrypted.DecryptedWith;
        info.PlaintextLength = plaintextLength;
        return info;
    }

    /// <summary>The header alone, for inspection: no keys, no KMS.</summary>
    public static KmsMessageInfo ReadInfo(Stream ciphertext, int? maxEncryptedDataKeys) =>
        HeaderReader.Read(new MessageInput(ciphertext, 64 * 1024), maxEncryptedDataKeys).ToInfo();

    private static void CheckPolicy(AlgorithmSuite suite, KmsCommitmentPolicy policy)
    {
        if (!suite.IsCommitting && policy == KmsCommitmentPolicy.RequireEncryptRequireDecrypt)
        {
            throw new KmsMessageException(KmsMessageProblem.CommitmentPolicyViolation,
                $"The message uses algorithm suite {suite}, which does not commit to its key; commitment policy {policy} refuses it. " +
                $"Use {KmsCommitmentPolicy.RequireEncryptAllowDecrypt} to read older messages.");
        }
    }

    private static void CheckRequiredContext(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string>? required)
    {
        foreach (var (key, value) in required ?? new Dictionary<string, string>())
        {
            if (!stored.TryGetValue(key, out var actual))
            {
                throw new KmsMessageException(KmsMessageProblem.EncryptionContextMismatch, $"The message's encryption context has no '{key}'.");
            }
            if (!string.Equals(actual, value, StringComparison.Ordinal))
            {
                throw new KmsMessageException(KmsMessageProblem.EncryptionContextMismatch,
                    $"The message's encryption context has '{key}' = '{actual}', not the required '{value}'.");
            }
        }
    }

    private static ECDsa? VerificationKey(MessageHeader header)
    {
        var hasKey = header.EncryptionContext.TryGetValue(EncryptionContextCodec.PublicKeyName, out var encoded);
        if (header.Suite.Signature is not { } curve)
        {
            if (hasKey) throw MessageErrors.Malformed($"an unsigned message carries {EncryptionContextCodec.PublicKeyName}.");
            return null;
        }
        if (!hasKey) throw MessageErrors.Malformed($"a signed message has no {EncryptionContextCodec.PublicKeyName} in its encryption context.");
        byte[] point;
        try
        {
            point = Convert.FromBase64String(encoded!);
        }
        catch (FormatException e)
        {
            throw MessageErrors.Malformed("the signature verification key is not base64.", e);
        }
        var parameters = CompressedPoint.Decompress(point, curve) ?? throw MessageErrors.Malformed("the signature verification key is not a point on the curve.");
        try
        {
            return ECDsa.Create(parameters);
        }
        catch (CryptographicException e)
        {
            throw MessageErrors.Malformed("the signature verification key is not a valid public key.", e);
        }
    }

    private static bool Verifies(ECDsa key, byte[] hash, byte[] signature)
    {
        try
        {
            return key.VerifyHash(hash, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[] ReadFooter(MessageInput input)
    {
        Span<byte> length = stackalloc byte[2];
        input.ReadExactly(length);
        var signature = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
        input.ReadExactly(signature);
        return signature;
    }
}
