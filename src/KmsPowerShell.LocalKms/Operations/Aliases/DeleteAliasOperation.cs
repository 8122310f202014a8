using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Aliases;

internal sealed class DeleteAliasOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var aliasName = AliasNames.Read(context.Request);
        context.Request.ThrowIfInvalid();
        var aliasArn = context.Keys.AliasArn(context.Account, aliasName);
        var alias = context.State.Aliases.GetValueOrDefault(aliasArn) ?? throw KmsErrors.AliasNotFound(aliasArn);
        var key = context.Keys.FindById(alias.Account, alias.Region, alias.TargetKeyId);
        if (key is not null) context.Auth.Require(key, Name);
        else context.Auth.RequireAccountPermission(Name);
        context.State.Aliases.Remove(aliasArn);
        return new JsonObject();
    }
}
