namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// One base condition operator (without ForAnyValue:/ForAllValues: or IfExists): how a request value compares with a
/// policy value. A negated operator (StringNotEquals, ArnNotLike...) keeps the comparison of its positive form and
/// inverts the outcome, as IAM defines them.
/// </summary>
internal sealed record ConditionOperator(
    string Name,
    bool Negated,
    bool ResolvesVariables,
    Func<string, WildcardPattern, bool> Compare,
    Func<string, bool> IsValidPolicyValue)
{
    public bool IsNull => Name == "Null";
}
