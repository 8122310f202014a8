using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Mac;

/// <summary>What GenerateMac and VerifyMac share: reading the request, the key and algorithm checks, and the MAC itself.</summary>
internal sealed record MacRequest(StoredKey Key, string Algorithm, byte[] Message, byte[]? Mac)
{
    public static MacRequest Read(OperationContext context, string action, bool withMac)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var message = request.Blob("Message", 1, 4096, required: true) ?? [];
        var algorithm = request.Enum("MacAlgorithm", AwsEnumOrder.MacAlgorithms, required: true) ?? "";
        var mac = withMac ? request.Blob("Mac", 1, 6144, required: true) : null;
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);

        var key = KeyGuard.UsableKey(context, keyId, action, KmsKeyUsages.GenerateVerifyMac, algorithm, static (spec, usage) => spec.MacAlgorithms(usage));
        if (dryRun) throw KmsErrors.DryRun();
        return new MacRequest(key, algorithm, message, mac);
    }

    public byte[] Compute() => MacAlgorithms.Compute(Algorithm, Key.CurrentMaterial.Secret, Message);
}
