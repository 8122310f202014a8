using System.Text.RegularExpressions;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Checks alias names as KMS does, before any call.</summary>
public static partial class AliasName
{
    [GeneratedRegex("^alias/[a-zA-Z0-9/_-]{1,250}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Require(string name)
    {
        if (!name.StartsWith("alias/", StringComparison.Ordinal))
        {
            throw new KmsArgumentException("AliasNameInvalid", $"Alias names begin with alias/: did you mean 'alias/{name}'?");
        }
        if (name.StartsWith("alias/aws/", StringComparison.Ordinal))
        {
            throw new KmsArgumentException("AliasNameReserved", $"'{name}' is under alias/aws/, which is reserved for aliases AWS manages.");
        }
        if (!Pattern().IsMatch(name))
        {
            throw new KmsArgumentException("AliasNameInvalid",
                $"'{name}' is not a valid alias name: after alias/ use 1 to 250 letters, digits, '/', '_' or '-'.");
        }
        return name;
    }
}
