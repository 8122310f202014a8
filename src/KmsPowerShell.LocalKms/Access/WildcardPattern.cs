namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// A pattern where * matches any run of characters and ? any one character, as IAM matches actions, resources and
/// StringLike values. Characters that came from a policy variable (including ${*} and ${?}) are literal.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string _text;
    private readonly bool[] _literal;

    public WildcardPattern(string text, bool[]? literal = null)
    {
        _text = text;
        _literal = literal ?? new bool[text.Length];
    }

    public string Text => _text;

    public bool HasWildcards => Enumerable.Range(0, _text.Length).Any(i => IsWildcard(i, '*') || IsWildcard(i, '?'));

    public bool Matches(string input, bool ignoreCase = false)
    {
        // The classic two-pointer match: on a mismatch, go back to just after the last star and let it take one more character.
        int p = 0, s = 0, star = -1, starInput = 0;
        while (s < input.Length)
        {
            if (p < _text.Length && IsWildcard(p, '*'))
            {
                star = p++;
                starInput = s;
            }
            else if (p < _text.Length && (IsWildcard(p, '?') || Same(_text[p], input[s], ignoreCase)))
            {
                p++;
                s++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++starInput;
            }
            else
            {
                return false;
            }
        }
        while (p < _text.Length && IsWildcard(p, '*')) p++;
        return p == _text.Length;
    }

    /// <summary>The pattern cut at the first count - 1 separators, as ARNs split into their six parts.</summary>
    public IReadOnlyList<WildcardPattern> Split(char separator, int count)
    {
        var parts = new List<WildcardPattern>();
        var start = 0;
        for (var i = 0; i < _text.Length && parts.Count < count - 1; i++)
        {
            if (_text[i] != separator) continue;
            parts.Add(new WildcardPattern(_text[start..i], _literal[start..i]));
            start = i + 1;
        }
        parts.Add(new WildcardPattern(_text[start..], _literal[start..]));
        return parts;
    }

    public bool EqualsExactly(string input, bool ignoreCase = false) =>
        string.Equals(_text, input, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private bool IsWildcard(int index, char wildcard) => _text[index] == wildcard && !_literal[index];

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
