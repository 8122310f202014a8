using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.KeyEncapsulation;

/// <summary>What Encapsulate and Decapsulate share: reading the request, and the key, usage and algorithm checks.</summary>
internal sealed record EncapsulationRequest(StoredKey Key, string Algorithm, MlKemKey MlKem, byte[]? Ciphertext, bool DryRun)
{
    public static EncapsulationRequest Read(OperationContext context, string action, bool withCiphertext)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var ciphertext = withCiphertext ? request.Blob("SharedSecretCiphertextBlob", 1, 6144, required: true) : null;
        var algorithm = request.Enum("EncapsulationAlgorithm", KmsAlgorithms.Encapsulation, required: true) ?? "";
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);

        var key = KeyGuard.UsableKey(context, keyId, action, KmsKeyUsages.EncapsulateDecapsulate, algorithm, static (spec, usage) => spec.EncapsulationAlgorithms(usage));
        return new EncapsulationRequest(key, algorithm, MlKemKey.Load(key.CurrentMaterial), ciphertext, dryRun);
    }
}
