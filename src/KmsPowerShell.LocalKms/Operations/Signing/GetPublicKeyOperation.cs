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
        using var privateKey = AsymmetricKeys.Load(spec, key.CurrentMaterial);
        var response = new JsonObject
        {
            ["KeyId"] = key.Arn,
            ["PublicKey"] = KmsJson.Blob(privateKey.PublicKey()),
            ["CustomerMasterKeySpec"] = key.KeySpec,
            ["KeySpec"] = key.KeySpec,
            ["KeyUsage"] = key.KeyUsage,
        };
        AddAlgorithms(response, "EncryptionAlgorithms", spec.EncryptionAlgorithms(key.KeyUsage));
        AddAlgorithms(response, "SigningAlgorithms", spec.SigningAlgorithms(key.KeyUsage));
        AddAlgorithms(response, "KeyAgreementAlgorithms", spec.KeyAgreementAlgorithms(key.KeyUsage));
        return response;
    }

    private static void AddAlgorithms(JsonObject response, string member, IReadOnlyList<string> algorithms)
    {
        if (algorithms.Count > 0) response[member] = KmsJson.Strings(algorithms);
    }
}
