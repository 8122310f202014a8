using System.Text.RegularExpressions;

namespace KmsPowerShell.LocalKms.Protocol;

/// <summary>
/// The member patterns of the KMS API reference, written exactly as the API model writes them, since AWS quotes them in
/// ValidationException texts; <see cref="RequestReader"/> requires a value to match one as a whole, anchored or not.
/// </summary>
internal static partial class KmsPatterns
{
    [GeneratedRegex(@"^[a-zA-Z0-9:/_-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex AliasName();

    [GeneratedRegex(@"^[a-zA-Z0-9:/_-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex GrantName();

    [GeneratedRegex(@"^[\w+=,.@:/-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex Principal();

    [GeneratedRegex(@"[\u0020-\u00FF]*", RegexOptions.CultureInvariant)]
    public static partial Regex Marker();

    [GeneratedRegex(@"^([a-z]+-){2,3}\d+$", RegexOptions.CultureInvariant)]
    public static partial Regex Region();

    [GeneratedRegex(@"[\w]+", RegexOptions.CultureInvariant)]
    public static partial Regex PolicyName();

    /// <summary>The characters a key policy may hold: tab, line feed, carriage return and U+0020 to U+00FF.</summary>
    [GeneratedRegex(@"[\u0009\u000A\u000D\u0020-\u00FF]+", RegexOptions.CultureInvariant)]
    public static partial Regex Policy();

    [GeneratedRegex(@"^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    public static partial Regex GrantId();

    [GeneratedRegex(@"cluster-[2-7a-zA-Z]{11,16}", RegexOptions.CultureInvariant)]
    public static partial Regex CloudHsmClusterId();

    [GeneratedRegex(@"^https://[.a-zA-Z0-9-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex XksProxyUriEndpoint();

    [GeneratedRegex(@"^(/[a-zA-Z0-9\/_-]+/kms/xks/v\d{1,2})$|^(/kms/xks/v\d{1,2})$", RegexOptions.CultureInvariant)]
    public static partial Regex XksProxyUriPath();

    [GeneratedRegex(@"^com\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]{17}$", RegexOptions.CultureInvariant)]
    public static partial Regex XksProxyVpcEndpointServiceName();

    [GeneratedRegex(@"^[0-9]{12}$", RegexOptions.CultureInvariant)]
    public static partial Regex AccountId();

    [GeneratedRegex(@"^[A-Z2-7]+$", RegexOptions.CultureInvariant)]
    public static partial Regex XksProxyAccessKeyId();

    [GeneratedRegex(@"^[a-zA-Z0-9\/+=]+$", RegexOptions.CultureInvariant)]
    public static partial Regex XksProxySecretAccessKey();

    [GeneratedRegex(@"^[a-f0-9]+$", RegexOptions.CultureInvariant)]
    public static partial Regex KeyMaterialId();

    [GeneratedRegex(@"^[a-zA-Z0-9-_.]+$", RegexOptions.CultureInvariant)]
    public static partial Regex XksKeyId();
}
