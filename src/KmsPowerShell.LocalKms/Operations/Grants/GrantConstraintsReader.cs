using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Grants;

internal static class GrantConstraintsReader
{
    public static GrantConstraints? Read(RequestReader request)
    {
        var node = request.Object("Constraints");
        if (node is null) return null;
        var reader = new RequestReader(node);
        var equals = reader.Has("EncryptionContextEquals") ? reader.StringMap("EncryptionContextEquals") : null;
        var subset = reader.Has("EncryptionContextSubset") ? reader.StringMap("EncryptionContextSubset") : null;
        return equals is null && subset is null ? null : new GrantConstraints(equals, subset);
    }
}
