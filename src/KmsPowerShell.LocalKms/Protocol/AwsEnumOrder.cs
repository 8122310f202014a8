namespace KmsPowerShell.LocalKms.Protocol;

/// <summary>
/// Enum value sets in the order AWS lists them in "Member must satisfy enum value set: [...]", which is not the API
/// reference's order (it follows a hash set on AWS's side). Only sets whose order was recorded against AWS and whose
/// values have not changed since are here; every other set is listed in the API reference's order.
/// </summary>
internal static class AwsEnumOrder
{
    /// <summary>Recorded in LocalStack's AWS snapshots (test_invalid_generate_mac, test_invalid_verify_mac).</summary>
    public static IReadOnlyList<string> MacAlgorithms { get; } = ["HMAC_SHA_384", "HMAC_SHA_256", "HMAC_SHA_224", "HMAC_SHA_512"];
}
