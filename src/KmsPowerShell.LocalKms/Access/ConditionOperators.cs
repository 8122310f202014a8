using System.Globalization;
using System.Net;

namespace KmsPowerShell.LocalKms.Access;

/// <summary>Every IAM condition operator family, by name (StringEquals, NumericLessThan, DateGreaterThan, Bool, ArnLike, Null...).</summary>
internal static class ConditionOperators
{
    private static readonly (string Name, Func<int, bool> Test)[] Orderings =
    [
        ("Equals", c => c == 0),
        ("LessThan", c => c < 0),
        ("LessThanEquals", c => c <= 0),
        ("GreaterThan", c => c > 0),
        ("GreaterThanEquals", c => c >= 0),
    ];

    // After Orderings: static fields initialise in order.
    private static readonly Dictionary<string, ConditionOperator> ByName = Build().ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);

    public static ConditionOperator? Find(string name) => ByName.GetValueOrDefault(name);

    private static IEnumerable<ConditionOperator> Build()
    {
        foreach (var (name, compare) in new (string, Func<string, WildcardPattern, bool>)[]
        {
            ("Equals", (r, p) => p.EqualsExactly(r)),
            ("EqualsIgnoreCase", (r, p) => p.EqualsExactly(r, ignoreCase: true)),
            ("Like", (r, p) => p.Matches(r)),
        })
        {
            yield return new("String" + name, false, true, compare, _ => true);
            yield return new("StringNot" + name, true, true, compare, _ => true);
        }
        foreach (var (name, test) in Orderings)
        {
            yield return new("Numeric" + name, false, false, (r, p) => Compare(ParseNumber(r), ParseNumber(p.Text), test), v => ParseNumber(v) is not null);
            yield return new("Date" + name, false, false, (r, p) => Compare(ParseDate(r), ParseDate(p.Text), test), v => ParseDate(v) is not null);
        }
        yield return new("NumericNotEquals", true, false, (r, p) => Compare(ParseNumber(r), ParseNumber(p.Text), c => c == 0), v => ParseNumber(v) is not null);
        yield return new("DateNotEquals", true, false, (r, p) => Compare(ParseDate(r), ParseDate(p.Text), c => c == 0), v => ParseDate(v) is not null);
        yield return new("Bool", false, false, (r, p) => ParseBool(r) is { } b && b == ParseBool(p.Text), v => ParseBool(v) is not null);
        yield return new("BinaryEquals", false, false, (r, p) => SameBytes(r, p.Text), IsBase64);
        yield return new("IpAddress", false, false, InNetwork, v => ParseNetwork(v) is not null);
        yield return new("NotIpAddress", true, false, InNetwork, v => ParseNetwork(v) is not null);
        // ArnEquals and ArnLike are the same test: each of the six colon-separated parts matched with wildcards.
        foreach (var name in new[] { "Equals", "Like" })
        {
            yield return new("Arn" + name, false, true, ArnMatches, _ => true);
            yield return new("ArnNot" + name, true, true, ArnMatches, _ => true);
        }
        yield return new("Null", false, false, (_, _) => false, v => ParseBool(v) is not null);
    }

    private static bool Compare<T>(T? request, T? policy, Func<int, bool> test) where T : struct, IComparable<T> =>
        request is { } r && policy is { } p && test(r.CompareTo(p));

    private static decimal? ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>ISO 8601 dates and times, or epoch seconds, as IAM's date operators take them.</summary>
    private static DateTimeOffset? ParseDate(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return epoch is >= -62135596800 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(epoch) : null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            && text.Length >= 10 && char.IsAsciiDigit(text[0]) ? date : null;
    }

    private static bool? ParseBool(string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true :
        text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null;

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static bool SameBytes(string request, string policy)
    {
        var left = new byte[request.Length];
        var right = new byte[policy.Length];
        return Convert.TryFromBase64String(request, left, out var leftLength)
            ? Convert.TryFromBase64String(policy, right, out var rightLength) && left.AsSpan(0, leftLength).SequenceEqual(right.AsSpan(0, rightLength))
            : request == policy;
    }

    private static IPNetwork? ParseNetwork(string text)
    {
        if (IPNetwork.TryParse(text, out var network)) return network;
        return IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8) : null;
    }

    private static bool InNetwork(string request, WildcardPattern policy) =>
        IPAddress.TryParse(request, out var address) && ParseNetwork(policy.Text) is { } network && network.Contains(address);

    private static bool ArnMatches(string request, WildcardPattern policy)
    {
        var parts = request.Split(':', 6);
        var patterns = policy.Split(':', 6);
        return parts.Length == 6 && patterns.Count == 6 && parts.Zip(patterns).All(pair => pair.Second.Matches(pair.First));
    }
}
