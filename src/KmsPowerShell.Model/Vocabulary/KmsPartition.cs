namespace KmsPowerShell.Vocabulary;

/// <summary>
/// The AWS partition of a Region, the second field of every ARN made there (arn:aws-cn:kms:cn-north-1:...), from the
/// Region name patterns of the SDKs' partitions.json: cn-* is aws-cn, us-gov-* aws-us-gov, the ISO Regions their own,
/// everything else aws.
/// </summary>
public static class KmsPartition
{
    /// <summary>The commercial Regions.</summary>
    public const string Aws = "aws";
    /// <summary>The China Regions (cn-north-1, cn-northwest-1).</summary>
    public const string China = "aws-cn";
    /// <summary>The AWS GovCloud (US) Regions.</summary>
    public const string GovCloud = "aws-us-gov";

    // Longest prefixes first: us-isob- and us-isof- before us-iso-.
    private static readonly (string Prefix, string Partition)[] ByRegionPrefix =
    [
        ("cn-", China), ("us-gov-", GovCloud), ("us-isob-", "aws-iso-b"), ("us-isof-", "aws-iso-f"), ("us-iso-", "aws-iso"), ("eu-isoe-", "aws-iso-e"),
    ];

    /// <summary>The partitions an ARN may name, in the order above (aws first).</summary>
    public static IReadOnlyList<string> All { get; } = [Aws, .. ByRegionPrefix.Select(p => p.Partition)];

    /// <summary>The partition of <paramref name="region"/>: aws-cn for cn-north-1, aws for us-east-1 (and for a name that fits no pattern).</summary>
    public static string Of(string region)
    {
        foreach (var (prefix, partition) in ByRegionPrefix)
        {
            if (region.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return partition;
        }
        return Aws;
    }

    /// <summary>Whether <paramref name="region"/> is one of the AWS China Regions (cn-north-1, cn-northwest-1).</summary>
    public static bool IsChina(string region) => Of(region) == China;

    /// <summary>The start of an ARN of <paramref name="service"/> in <paramref name="region"/>: arn:aws-cn:kms:cn-north-1:.</summary>
    public static string ArnPrefix(string service, string region) => $"arn:{Of(region)}:{service}:{region}:";

    /// <summary>The partition an ARN names (its second field); null for text that is not an ARN.</summary>
    public static string? OfArn(string arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal)) return null;
        var end = arn.IndexOf(':', 4);
        return end < 0 ? null : arn[4..end];
    }

    /// <summary>The partition an ARN names, or aws for text that names none (not an ARN, or an empty partition field).</summary>
    public static string OfArnOrAws(string arn) => OfArn(arn) is { Length: > 0 } partition ? partition : Aws;

    /// <summary>The root principal of <paramref name="account"/> in <paramref name="partition"/>: arn:aws-cn:iam::111122223333:root.</summary>
    public static string AccountRootArn(string partition, string account) => $"arn:{partition}:iam::{account}:root";

    /// <summary>
    /// The ARN with its partition replaced by <paramref name="partition"/>: how an IAM ARN (arn:aws:iam::111122223333:root)
    /// is named in another partition (arn:aws-cn:iam::111122223333:root). Text that is not an ARN comes back unchanged.
    /// </summary>
    public static string WithPartition(string arn, string partition) =>
        OfArn(arn) is { } current ? string.Concat("arn:", partition, arn.AsSpan(4 + current.Length)) : arn;
}
