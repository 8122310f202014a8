using System.Text.Json;
using System.Text.RegularExpressions;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// Reads Principal/NotPrincipal: "*", or an object of AWS (account ids, root, user, role, assumed-role and
/// federated-user ARNs, or "*"), Service, Federated and CanonicalUser, each a string or an array of strings.
/// </summary>
internal sealed partial class PrincipalParser(PolicyFaultTexts faults)
{
    private static readonly string[] Kinds = ["AWS", "Service", "Federated", "CanonicalUser"];

    public PolicyPrincipals Parse(JsonElement element, bool negated)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*" ? new PolicyPrincipals(negated, true, [], []) : throw Invalid();
        }
        if (element.ValueKind != JsonValueKind.Object || !element.EnumerateObject().Any()) throw Invalid();
        var everyone = false;
        var aws = new List<string>();
        var accountIds = new List<string>();
        var others = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            if (!Kinds.Contains(property.Name, StringComparer.Ordinal)) throw Invalid();
            foreach (var value in Values(property.Value))
            {
                if (property.Name != "AWS") others.Add(value);
                else if (value == "*") everyone = true;
                else
                {
                    if (AccountId().IsMatch(value)) accountIds.Add(value);
                    aws.Add(NormaliseAws(value));
                }
            }
        }
        return new PolicyPrincipals(negated, everyone, aws.Distinct(StringComparer.Ordinal).ToList(), others, accountIds);
    }

    private IEnumerable<string> Values(JsonElement value)
    {
        var values = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                value.EnumerateArray().Select(e => e.GetString()!).ToList(),
            _ => throw Invalid(),
        };
        return values.Count == 0 || values.Any(v => v.Length == 0) ? throw Invalid() : values;
    }

    private string NormaliseAws(string value)
    {
        if (AccountId().IsMatch(value)) return KmsPartition.AccountRootArn(KmsPartition.Aws, value);
        return PrincipalArn().IsMatch(value) ? value : throw Invalid();
    }

    private PolicyDocumentException Invalid() => PolicyParser.Fault(faults.InvalidPrincipals);

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:(iam::\d{12}:(root|user/[^*?]+|role/[^*?]+|federated-user/[^*?]+)|sts::\d{12}:(assumed-role/[^/*?]+/[^*?]+|federated-user/[^*?]+))$")]
    private static partial Regex PrincipalArn();
}
