using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Signing;

/// <summary>The public key of an asymmetric KMS key as DER SubjectPublicKeyInfo, with what the key may be used for.</summary>
internal sealed class GetPublicKeyOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var tokens = context.ReadGrantTokens();
        request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);

        var key = context.KeyFor(keyId, Name, allowAlias: true);
        KeyGuard.RequireEnabled(key);
        var spec = KeySpecCatalog.Of(key);
        if (spec.Family is KmsKeyFamily.Symmetric or KmsKeyFamily.Hmac)
        {
            throw KmsErrors.Unsupported($"{key.Arn} key spec is {key.KeySpec}: GetPublicKey needs an asymmetric KMS key.");
        }
        var response = new JsonObject
        {
            ["KeyId"] = key.Arn,
            ["PublicKey"] = KmsJson.Blob(PublicKeyOf(spec, key)),
            ["CustomerMasterKeySpec"] = key.KeySpec,
            ["KeySpec"] = key.KeySpec,
            ["KeyUsage"] = key.KeyUsage,
        };
        AddAlgorithms(response, "EncryptionAlgorithms", spec.EncryptionAlgorithms(key.KeyUsage));
        AddAlgorithms(response, "SigningAlgorithms", spec.SigningAlgorithms(key.KeyUsage));
        AddAlgorithms(response, "KeyAgreementAlgorithms", spec.KeyAgreementAlgorithms(key.KeyUsage));
        AddAlgorithms(response, "EncapsulationAlgorithms", spec.EncapsulationAlgorithms(key.KeyUsage));
        return response;
    }

    private static byte[] PublicKeyOf(KmsKeySpec spec, StoredKey key)
    {
        if (spec.Family == KmsKeyFamily.MlKem) return MlKemKey.Load(key.CurrentMaterial).PublicKey();
        using var privateKey = AsymmetricKeys.Load(spec, key.CurrentMaterial);
        return privateKey.PublicKey();
    }

    private static void AddAlgorithms(JsonObject response, string member, IReadOnlyList<string> algorithms)
    {
        if (algorithms.Count > 0) response[member] = KmsJson.Strings(algorithms);
    }
}
