using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Aliases;

/// <summary>Alias name rules: the alias/ prefix, and alias/aws/ kept for AWS managed keys.</summary>
internal static class AliasNames
{
    public static string Read(RequestReader request) => request.RequiredString("AliasName", 1, 256, KmsPatterns.AliasName());

    public static void RequireCustomerName(string aliasName)
    {
        if (!aliasName.StartsWith("alias/", StringComparison.Ordinal) || aliasName.Length == "alias/".Length)
        {
            throw KmsErrors.InvalidAliasName("Alias must start with the prefix \"alias/\" and have a name after it.");
        }
        if (aliasName.StartsWith("alias/aws/", StringComparison.Ordinal))
        {
            throw KmsErrors.InvalidAliasName("Alias names that begin with alias/aws/ are reserved for AWS managed keys.");
        }
    }
}
