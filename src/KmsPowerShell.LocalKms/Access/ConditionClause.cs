namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// One condition key under one operator, such as "StringEquals": {"kms:EncryptionContext:app": ["billing", "hr"]}.
/// The policy's values are alternatives (OR); a statement's clauses must all hold (AND).
/// </summary>
internal sealed record ConditionClause(
    string OperatorText,
    ConditionSetQualifier Qualifier,
    ConditionOperator Operator,
    bool IfExists,
    string Key,
    IReadOnlyList<string> Values)
{
    public bool Holds(IReadOnlyDictionary<string, IReadOnlyList<string>> context, bool variablesEnabled)
    {
        var requestValues = ConditionContext.Values(context, Key);
        var absent = requestValues is null || requestValues.Count == 0;
        if (Operator.IsNull)
        {
            return Values.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase) == absent);
        }
        if (absent)
        {
            // IAM: ForAllValues holds over an empty set; ForAnyValue has nothing to match; a single-valued negated
            // operator holds on a missing key, a positive one does not; IfExists makes a missing key pass.
            return Qualifier switch
            {
                ConditionSetQualifier.ForAllValues => true,
                ConditionSetQualifier.ForAnyValue => IfExists,
                _ => IfExists || Operator.Negated,
            };
        }
        var patterns = Values
            .Select(v => Operator.ResolvesVariables ? PolicyVariables.Resolve(v, variablesEnabled, context) : new WildcardPattern(v))
            .OfType<WildcardPattern>()
            .ToList();
        bool MatchesAny(string value) => patterns.Any(p => Operator.Compare(value, p));
        return Qualifier switch
        {
            ConditionSetQualifier.ForAllValues => requestValues!.All(v => MatchesAny(v) != Operator.Negated),
            ConditionSetQualifier.ForAnyValue => requestValues!.Any(v => MatchesAny(v) != Operator.Negated),
            _ => requestValues!.Any(MatchesAny) != Operator.Negated,
        };
    }

    /// <summary>What the request holds for the key against what the clause asks, for a reason an administrator reads.</summary>
    public string Describe(IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        var requestValues = ConditionContext.Values(context, Key);
        var actual = requestValues is null || requestValues.Count == 0 ? "absent" : "is " + Quote(requestValues);
        return $"{Key} {actual} ({OperatorText} {Quote(Values)})";
    }

    private static string Quote(IReadOnlyList<string> values) =>
        values.Count == 1 ? $"'{values[0]}'" : "[" + string.Join(", ", values.Select(v => $"'{v}'")) + "]";
}
