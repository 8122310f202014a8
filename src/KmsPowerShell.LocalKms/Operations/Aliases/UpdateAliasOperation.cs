using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Aliases;

/// <summary>Points an alias at another key of the same type (symmetric, asymmetric or HMAC) and key usage, as AWS requires.</summary>
internal sealed class UpdateAliasOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var aliasName = AliasNames.Read(context.Request);
        var targetKeyId = context.Request.RequiredString("TargetKeyId", 1, 2048);
        context.Request.ThrowIfInvalid();
        AliasNames.RequireCustomerName(aliasName);

        var aliasArn = context.Keys.AliasArn(context.Account, aliasName);
        var alias = context.State.Aliases.GetValueOrDefault(aliasArn) ?? throw KmsErrors.AliasNotFound(aliasArn);
        var current = context.Keys.FindById(alias.Account, alias.Region, alias.TargetKeyId);
        var key = context.KeyFor(targetKeyId, Name);
        KeyGuard.RequireManageable(key);
        if (current is not null && (TypeOf(current) != TypeOf(key) || current.KeyUsage != key.KeyUsage))
        {
            throw KmsErrors.Validation(
                $"The new target key {key.Arn} must be of the same type and key usage as the current one ({TypeOf(current)}, {current.KeyUsage}).");
        }
        alias.TargetKeyId = key.KeyId;
        alias.LastUpdatedDate = context.Now;
        return new JsonObject();
    }

    /// <summary>The API reference's key types for UpdateAlias: symmetric, asymmetric or HMAC (an RSA key may follow an ECC one).</summary>
    private static string TypeOf(StoredKey key) => KeySpecCatalog.Of(key).Family switch
    {
        KmsKeyFamily.Symmetric => "symmetric",
        KmsKeyFamily.Hmac => "HMAC",
        _ => "asymmetric",
    };
}
