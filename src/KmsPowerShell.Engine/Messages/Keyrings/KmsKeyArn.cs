using System.Text.RegularExpressions;

namespace KmsPowerShell.Engine.Messages.Keyrings;

/// <summary>A KMS key ARN (resource type key), as provider information must be: partition, region, account, key id.</summary>
internal sealed partial record KmsKeyArn(string Text, string Partition, string Region, string Account)
{
    [GeneratedRegex(@"^arn:(aws[a-z-]*):kms:([a-z0-9-]+):([0-9]{12}):key/([A-Za-z0-9-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static KmsKeyArn? TryParse(string? text)
    {
        if (text is null) return null;
        var match = Pattern().Match(text);
        return match.Success ? new KmsKeyArn(text, match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value) : null;
    }

    public override string ToString() => Text;
}
