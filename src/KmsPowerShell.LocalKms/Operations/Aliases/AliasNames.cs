using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Aliases;

/// <summary>
/// Alias name rules, in AWS's order: the alias/ prefix, alias/aws/ kept for AWS managed keys, then no ':' after the
/// prefix (the parameter's pattern allows ':', the name does not). The ValidationException texts are AWS's.
/// </summary>
internal static class AliasNames
{
    private const string Prefix = "alias/";

    public static string Read(RequestReader request) => request.RequiredString("AliasName", 1, 256, KmsPatterns.AliasName());

    public static void RequireCustomerName(string aliasName)
    {
        if (!aliasName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw KmsErrors.Validation(
                "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (aliasName.Length == Prefix.Length)
        {
            throw KmsErrors.InvalidAliasName("Alias must start with the prefix \"alias/\" and have a name after it.");
        }
        if (aliasName.StartsWith("alias/aws/", StringComparison.Ordinal))
        {
            throw KmsErrors.InvalidAliasName("Alias names that begin with alias/aws/ are reserved for AWS managed keys.");
        }
        if (aliasName.Contains(':', StringComparison.Ordinal))
        {
            throw KmsErrors.Validation($"{aliasName} contains invalid characters for an alias");
        }
    }
}
