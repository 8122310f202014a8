using System.Collections;
using System.Globalization;
using System.Management.Automation;
using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell;

/// <summary>The arguments of a policy decision, checked and turned into the evaluator's terms.</summary>
internal static class PolicyAccessInputs
{
    /// <summary>A key policy parsed by the evaluator; a fault is PolicyInvalid with the evaluator's (AWS's) message.</summary>
    public static PolicyDocument Parse(string json, string? which = null) => Parse(PolicyDocument.Parse, json, which);

    /// <summary>An IAM identity policy, parsed by IAM's rules.</summary>
    public static PolicyDocument ParseIdentity(string json, string? which = null) => Parse(PolicyDocument.ParseIdentityPolicy, json, which);

    private static PolicyDocument Parse(Func<string, PolicyDocument> parse, string json, string? which)
    {
        try
        {
            return parse(json);
        }
        catch (PolicyDocumentException e)
        {
            throw new KmsArgumentException("PolicyInvalid", which is null ? e.Message : $"{which}: {e.Message}");
        }
    }

    /// <summary>The actions as IAM names them (kms:Decrypt); every action on keys when none are given.</summary>
    public static string[] Actions(IEnumerable<string>? names)
    {
        if (names is null) return [.. KmsActions.OnKeys];
        return [.. names.Select(name => KmsActions.Normalize(name) ?? throw new KmsArgumentException("ActionInvalid",
            $"'{name}' is not a KMS action. Give a name such as kms:Decrypt or Decrypt (tab completion lists them)."))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>-Context: condition key names to one value or a list of values (a multivalued key).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ConditionKeys(Hashtable? table)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in table ?? [])
        {
            if (Bare(entry.Key) is not string { Length: > 0 } name || !name.Contains(':'))
            {
                throw new KmsArgumentException("ContextInvalid", $"A -Context key is '{entry.Key}'; keys are condition keys such as 'kms:ViaService'.");
            }
            keys[name] = Bare(entry.Value) is IEnumerable values and not string
                ? [.. values.Cast<object?>().Select(v => Text(name, v))]
                : [Text(name, entry.Value)];
        }
        return keys;
    }

    /// <summary>A grant as the evaluator counts it.</summary>
    public static GrantAllowance Allowance(KmsGrant grant) =>
        new(grant.GrantId, grant.GranteePrincipal ?? "", grant.Operations, grant.EncryptionContextEquals, grant.EncryptionContextSubset);

    private static string Text(string name, object? value) => Bare(value) switch
    {
        null => throw new KmsArgumentException("ContextInvalid", $"The -Context value of '{name}' is $null; leave the key out for a request without it."),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        var other => other.ToString() ?? "",
    };

    private static object? Bare(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
