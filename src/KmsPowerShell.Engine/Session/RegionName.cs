using System.Text.RegularExpressions;

namespace KmsPowerShell.Engine.Session;

/// <summary>Checks region names before they reach the SDK, which would accept any text and fail later at DNS.</summary>
public static partial class RegionName
{
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? region) => region is not null && Pattern().IsMatch(region);

    public static string Require(string region, string source)
    {
        if (!IsValid(region))
        {
            throw new KmsConfigurationException("RegionInvalid",
                $"'{region}' (from {source}) is not an AWS region name. Use a name such as us-east-1 or eu-west-2.");
        }
        return region;
    }
}

public static partial class RegionName
{
    /// <summary>The regions this build of the SDK knows, for tab completion.</summary>
    public static IReadOnlyList<string> Known =>
        Amazon.RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Where(IsValid).ToArray();
}
