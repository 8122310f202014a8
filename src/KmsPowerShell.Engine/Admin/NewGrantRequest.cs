using System.Text.RegularExpressions;

namespace KmsPowerShell.Engine.Admin;

/// <summary>What New-KmsGrant asks CreateGrant for, checked before any call.</summary>
public sealed partial record NewGrantRequest(
    string GranteePrincipal,
    IReadOnlyList<string> Operations,
    string? RetiringPrincipal,
    string? Name,
    IReadOnlyDictionary<string, string>? EncryptionContextEquals,
    IReadOnlyDictionary<string, string>? EncryptionContextSubset,
    IReadOnlyList<string> GrantTokens)
{
    [GeneratedRegex(@"^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalArn();

    public NewGrantRequest Validated()
    {
        RequirePrincipal(GranteePrincipal, "-GranteePrincipal");
        if (RetiringPrincipal is not null) RequirePrincipal(RetiringPrincipal, "-RetiringPrincipal");
        if (Operations.Count == 0) throw new KmsArgumentException("GrantOperationsEmpty", "-Operation is empty: a grant allows at least one operation.");
        var unknown = Operations.Where(o => !GrantOperations.All.Contains(o, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new KmsArgumentException("GrantOperationInvalid",
                $"{string.Join(", ", unknown)} is not a grant operation. Use {string.Join(", ", GrantOperations.All)}.");
        }
        var spelled = Operations.Select(o => GrantOperations.All.First(known => string.Equals(known, o, StringComparison.OrdinalIgnoreCase))).Distinct().ToArray();
        if (EncryptionContextEquals is { Count: > 0 } && EncryptionContextSubset is { Count: > 0 })
        {
            throw new KmsArgumentException("GrantConstraintConflict", "Use -EncryptionContextEquals or -EncryptionContextSubset, not both.");
        }
        return this with { Operations = spelled };
    }

    private static void RequirePrincipal(string principal, string parameter)
    {
        if (!PrincipalArn().IsMatch(principal))
        {
            throw new KmsArgumentException("PrincipalInvalid",
                $"{parameter} '{principal}' is not an IAM principal ARN, such as arn:aws:iam::111122223333:role/app.");
        }
    }
}
