namespace KmsPowerShell.LocalKms.Access;

/// <summary>The set operator before a condition operator: none, ForAnyValue: or ForAllValues:.</summary>
internal enum ConditionSetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}
