using KmsPowerShell.Vocabulary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Import;

/// <summary>A new wrapping key pair (RSA, or SM2 in the China Regions) for one key: its public key and an import token valid for 24 hours.</summary>
internal sealed class GetParametersForImportOperation : KmsOperation
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(24);

    // The state is not changed: the wrapping private key lives only in the sealed token.
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var algorithm = context.Request.Enum("WrappingAlgorithm", KmsImportWrapping.Algorithms, required: true)!;
        var wrappingKeySpec = context.Request.Enum("WrappingKeySpec", KmsImportWrapping.KeySpecs, required: true)!;
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        ImportGuard.RequireImportable(key);
        ImportWrapping.RequireAllowed(KeySpecCatalog.Of(key), algorithm, wrappingKeySpec, context.Region);

        var (privateKey, publicKey) = ImportWrapping.NewKeyPair(wrappingKeySpec);
        try
        {
            var validTo = context.Now + Validity;
            var token = context.ImportTokens.Seal(new ImportParameters(key.Arn, algorithm, wrappingKeySpec, validTo, privateKey));
            return new JsonObject
            {
                ["KeyId"] = key.Arn,
                ["ImportToken"] = Convert.ToBase64String(token),
                ["PublicKey"] = Convert.ToBase64String(publicKey),
                ["ParametersValidTo"] = KmsJson.Timestamp(validTo),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }
}
