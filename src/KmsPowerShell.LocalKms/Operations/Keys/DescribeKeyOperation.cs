using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Operations.Keys;

internal sealed class DescribeKeyOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var tokens = context.ReadGrantTokens();
        context.Request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);
        var key = context.Keys.Resolve(keyId);
        context.Auth.Require(key, "DescribeKey");
        return new JsonObject { ["KeyMetadata"] = KeyMetadataWriter.Write(key, context.State) };
    }
}
