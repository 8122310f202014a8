using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

internal sealed class GenerateRandomOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        // NumberOfBytes is optional in the API model, so a request without it passes the model's checks and is
        // refused by the operation itself, in AWS's words (recorded in LocalStack's AWS snapshots).
        var count = context.Request.Int("NumberOfBytes", 1, 1024);
        var customKeyStore = context.Request.String("CustomKeyStoreId", 1, 64);
        context.Request.ThrowIfInvalid();
        if (count is null) throw KmsErrors.Validation("NumberOfBytes is required.");
        SymmetricCrypto.RejectRecipient(context.Request);
        if (customKeyStore is not null) throw KmsErrors.Unsupported("Custom key stores are not supported by the local KMS.");
        context.Auth.RequireAccountPermission(Name);
        return new JsonObject { ["Plaintext"] = KmsJson.Blob(RandomNumberGenerator.GetBytes(count.Value)) };
    }
}
