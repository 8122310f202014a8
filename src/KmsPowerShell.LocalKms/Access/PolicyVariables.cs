namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// Policy variables (${aws:username}, ${aws:PrincipalTag/team}, ${key, 'default'}, ${*}, ${?}, ${$}) as IAM resolves them
/// in Resource and in the values of string and ARN conditions, only in policies of Version 2012-10-17. A variable whose
/// key the request lacks, with no default, leaves the value unresolved: it matches nothing.
/// </summary>
internal static class PolicyVariables
{
    /// <summary>The value as a pattern, or null when a variable in it cannot be resolved.</summary>
    public static WildcardPattern? Resolve(string value, bool variablesEnabled, IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        if (!variablesEnabled || !value.Contains("${", StringComparison.Ordinal)) return new WildcardPattern(value);
        var text = new System.Text.StringBuilder();
        var literal = new List<bool>();
        var index = 0;
        while (index < value.Length)
        {
            var start = value.IndexOf("${", index, StringComparison.Ordinal);
            var end = start < 0 ? -1 : value.IndexOf('}', start);
            if (end < 0)
            {
                Append(text, literal, value[index..], false);
                break;
            }
            Append(text, literal, value[index..start], false);
            var resolved = ResolveOne(value[(start + 2)..end], context);
            if (resolved is null) return null;
            Append(text, literal, resolved, true);
            index = end + 1;
        }
        return new WildcardPattern(text.ToString(), [.. literal]);
    }

    private static string? ResolveOne(string body, IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        if (body is "*" or "?" or "$") return body;
        var comma = body.IndexOf(',');
        var name = (comma < 0 ? body : body[..comma]).Trim();
        var fallback = comma < 0 ? null : Unquote(body[(comma + 1)..].Trim());
        return ConditionContext.Values(context, name) is [var single] ? single : fallback;
    }

    private static string? Unquote(string text) => text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text[1..^1] : null;

    private static void Append(System.Text.StringBuilder text, List<bool> literal, string part, bool isLiteral)
    {
        text.Append(part);
        literal.AddRange(Enumerable.Repeat(isLiteral, part.Length));
    }
}
