using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// Alias names as users give them to -Alias and -Name: with or without the alias/ prefix (one rule for every
/// parameter that names an alias), wildcards allowed. Keeps which names matched, so an exact name that matched
/// nothing is reported (a wildcard that matches nothing is not).
/// </summary>
internal sealed class AliasPatterns
{
    private readonly string[] _given;
    private readonly string[] _patterns;
    private readonly WildcardPattern[] _matchers;
    private readonly bool[] _matched;

    public AliasPatterns(IReadOnlyList<string> names)
    {
        _given = names.ToArray();
        _patterns = _given.Select(WithPrefix).ToArray();
        _matchers = _patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToArray();
        _matched = new bool[_patterns.Length];
    }

    /// <summary>Whether the alias matches any name, and whether one that matches names it exactly (no wildcard).</summary>
    public (bool Any, bool Exactly) Match(string aliasName)
    {
        var (any, exactly) = (false, false);
        for (var i = 0; i < _matchers.Length; i++)
        {
            if (!_matchers[i].IsMatch(aliasName)) continue;
            _matched[i] = any = true;
            exactly |= IsExact(_patterns[i]);
        }
        return (any, exactly);
    }

    /// <summary>The errors of the exact names that matched no alias, with the name as given as target.</summary>
    public IEnumerable<(KmsServiceException Error, string Given)> NotFound() =>
        Enumerable.Range(0, _patterns.Length)
            .Where(i => !_matched[i] && IsExact(_patterns[i]))
            .Select(i => (new KmsServiceException("AliasNotFound", $"Alias {_patterns[i]} is not found.", 400, null, null), _given[i]));

    /// <summary>The alias name as KMS knows it: <c>webhook</c> and <c>alias/webhook</c> both name alias/webhook.</summary>
    public static string WithPrefix(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) ? name : Prefix + name;

    public static string WithoutPrefix(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name;

    private const string Prefix = "alias/";

    private static bool IsExact(string pattern) => !WildcardPattern.ContainsWildcardCharacters(pattern);
}
