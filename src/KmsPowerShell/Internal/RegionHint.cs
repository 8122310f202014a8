using KmsPowerShell.Engine.Session;

namespace KmsPowerShell;

/// <summary>
/// A warning for a region name the SDK does not know, naming the closest one it does. The region is still used:
/// AWS opens new regions, and a private endpoint may have its own names.
/// </summary>
internal static class RegionHint
{
    /// <summary>The warning for <paramref name="region"/>, or null when it is known (or no region name at all: that is an error, RegionInvalid).</summary>
    public static string? Warning(string region)
    {
        var known = RegionName.Known;
        if (!RegionName.IsValid(region) || known.Contains(region, StringComparer.Ordinal)) return null;
        var closest = known.MinBy(k => Distance(region, k));
        return closest is null
            ? $"{region} is not a region KmsPowerShell knows."
            : $"{region} is not a region KmsPowerShell knows; did you mean {closest}?";
    }

    /// <summary>Edit distance: the fewest letters to insert, delete or change.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
