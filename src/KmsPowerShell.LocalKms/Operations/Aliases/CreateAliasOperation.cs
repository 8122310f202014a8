using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Aliases;

internal sealed class CreateAliasOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var aliasName = AliasNames.Read(context.Request);
        var targetKeyId = context.Request.RequiredString("TargetKeyId", 1, 2048);
        context.Request.ThrowIfInvalid();
        AliasNames.RequireCustomerName(aliasName);
        var key = context.KeyFor(targetKeyId, Name);
        KeyGuard.RequireManageable(key);

        var aliasArn = context.Keys.AliasArn(context.Account, aliasName);
        if (context.State.Aliases.ContainsKey(aliasArn)) throw KmsErrors.AlreadyExists($"An alias with the name {aliasArn} already exists");
        context.State.Aliases[aliasArn] = new StoredAlias
        {
            AliasName = aliasName,
            AliasArn = aliasArn,
            Account = context.Account,
            Region = context.Region,
            TargetKeyId = key.KeyId,
            CreationDate = context.Now,
            LastUpdatedDate = context.Now,
        };
        return new JsonObject();
    }
}
