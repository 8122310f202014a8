using System.Text.Json;

namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// Reads a Condition block: operator → { key → value or [values] }, where an operator may carry ForAnyValue: or
/// ForAllValues: before it and IfExists after it (except Null), and values may be strings, numbers or booleans.
/// </summary>
internal sealed class ConditionParser(PolicyFaultTexts faults)
{
    public IReadOnlyList<ConditionClause> Parse(JsonElement condition)
    {
        if (condition.ValueKind != JsonValueKind.Object) throw PolicyParser.Fault(faults.InvalidElement, "Condition");
        var clauses = new List<ConditionClause>();
        foreach (var block in condition.EnumerateObject())
        {
            var (qualifier, op, ifExists) = ParseOperator(block.Name);
            if (block.Value.ValueKind != JsonValueKind.Object) throw PolicyParser.Fault(faults.InvalidElement, "Condition");
            foreach (var key in block.Value.EnumerateObject())
            {
                var values = Values(key.Value);
                if (values.FirstOrDefault(v => !op.IsValidPolicyValue(v) && !(op.ResolvesVariables && v.Contains("${", StringComparison.Ordinal))) is { } bad)
                {
                    throw PolicyParser.Fault(faults.InvalidConditionValue, block.Name, bad);
                }
                clauses.Add(new ConditionClause(block.Name, qualifier, op, ifExists, key.Name, values));
            }
        }
        return clauses;
    }

    private (ConditionSetQualifier, ConditionOperator, bool) ParseOperator(string name)
    {
        var qualifier = ConditionSetQualifier.None;
        var rest = name;
        var colon = name.IndexOf(':');
        if (colon >= 0)
        {
            qualifier = name[..colon] switch
            {
                var q when q.Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase) => ConditionSetQualifier.ForAnyValue,
                var q when q.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase) => ConditionSetQualifier.ForAllValues,
                _ => throw PolicyParser.Fault(faults.UnknownOperator, name),
            };
            rest = name[(colon + 1)..];
        }
        var ifExists = rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
        if (ifExists) rest = rest[..^"IfExists".Length];
        var op = ConditionOperators.Find(rest);
        if (op is null || (op.IsNull && (ifExists || qualifier != ConditionSetQualifier.None)))
        {
            throw PolicyParser.Fault(faults.UnknownOperator, name);
        }
        return (qualifier, op, ifExists);
    }

    private IReadOnlyList<string> Values(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(Scalar).ToList(),
        _ => [Scalar(value)],
    };

    private string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw PolicyParser.Fault(faults.InvalidElement, "Condition"),
    };
}
