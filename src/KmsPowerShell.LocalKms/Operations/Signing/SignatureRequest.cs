using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Signing;

/// <summary>What Sign and Verify share: reading the request, the key, algorithm and message type checks, and the message to sign.</summary>
internal sealed record SignatureRequest(StoredKey Key, string Algorithm, string MessageType, byte[] Message, byte[]? Signature)
{
    public static SignatureRequest Read(OperationContext context, string action, bool withSignature)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var message = request.Blob("Message", 1, 4096, required: true) ?? [];
        var messageType = request.Enum("MessageType", SigningMessageTypes.All) ?? SigningMessageTypes.Raw;
        var algorithm = request.Enum("SigningAlgorithm", KmsAlgorithms.Signing, required: true) ?? "";
        var signature = withSignature ? request.Blob("Signature", 1, 6144, required: true) : null;
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);

        var key = KeyGuard.UsableKey(context, keyId, action, KmsKeyUsages.SignVerify, algorithm, static (spec, usage) => spec.SigningAlgorithms(usage));
        RequireMessageType(key, algorithm, messageType, message.Length);
        if (dryRun) throw KmsErrors.DryRun();
        return new SignatureRequest(key, algorithm, messageType, message, signature);
    }

    /// <summary>
    /// The message type the algorithm takes, and a DIGEST or μ of its exact length. EXTERNAL_MU on a key that is not
    /// ML-DSA names the key spec, as before; the other texts are ours (AWS's are not public).
    /// </summary>
    private static void RequireMessageType(StoredKey key, string algorithm, string messageType, int length)
    {
        if (!SigningMessageTypes.For(algorithm).Contains(messageType))
        {
            throw KmsErrors.Validation(messageType == SigningMessageTypes.ExternalMu
                ? $"Message type EXTERNAL_MU is incompatible with key spec {key.KeySpec}."
                : $"Message type {messageType} is incompatible with signing algorithm {algorithm}.");
        }
        if (SigningMessageTypes.ExactBytes(algorithm, messageType) is { } exact && length != exact)
        {
            throw KmsErrors.Validation(messageType == SigningMessageTypes.ExternalMu
                ? $"External mu is invalid length for algorithm {algorithm}: it must be {exact} bytes."
                : $"Digest is invalid length for algorithm {algorithm}.");
        }
    }

    public IAsymmetricKey LoadKey() => AsymmetricKeys.Load(KeySpecCatalog.Of(Key), Key.CurrentMaterial);
}
