using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Signing;

/// <summary>What Sign and Verify share: reading the request, the key and algorithm checks, and the digest to sign.</summary>
internal sealed record SignatureRequest(StoredKey Key, SigningAlgorithm Algorithm, string MessageType, byte[] Digest, byte[]? Signature)
{
    private static readonly string[] MessageTypes = ["RAW", "DIGEST", "EXTERNAL_MU"];

    public static SignatureRequest Read(OperationContext context, string action, bool withSignature)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var message = request.Blob("Message", 1, 4096, required: true) ?? [];
        var messageType = request.Enum("MessageType", MessageTypes) ?? "RAW";
        var algorithmName = request.Enum("SigningAlgorithm", KmsAlgorithms.Signing, required: true) ?? "";
        var signature = withSignature ? request.Blob("Signature", 1, 6144, required: true) : null;
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);

        var key = context.KeyFor(keyId, action, allowAlias: true);
        KeyGuard.RequireEnabled(key);
        KeyGuard.RequireUsage(key, KmsKeyUsages.SignVerify, action);
        if (!KeySpecCatalog.Of(key).SigningAlgorithms(key.KeyUsage).Contains(algorithmName))
        {
            throw KmsErrors.IncompatibleAlgorithm(algorithmName, key.KeySpec);
        }
        var algorithm = SigningAlgorithm.Find(algorithmName) ?? throw KmsErrors.IncompatibleAlgorithm(algorithmName, key.KeySpec);
        if (messageType == "EXTERNAL_MU") throw KmsErrors.Validation($"Message type EXTERNAL_MU is incompatible with key spec {key.KeySpec}.");
        if (messageType == "DIGEST" && message.Length != algorithm.DigestBytes)
        {
            throw KmsErrors.Validation($"Digest is invalid length for algorithm {algorithm.Name}.");
        }
        if (dryRun) throw KmsErrors.DryRun();
        // DIGEST: the bytes are the digest and are signed as they are, never hashed again.
        var digest = messageType == "DIGEST" ? message : algorithm.HashOf(message);
        return new SignatureRequest(key, algorithm, messageType, digest, signature);
    }

    public AsymmetricKey LoadKey() => AsymmetricKey.Load(KeySpecCatalog.Of(Key), Key.CurrentMaterial);
}
