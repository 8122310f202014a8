using System.Text.RegularExpressions;

namespace KmsPowerShell.Engine.Keys;

/// <summary>
/// A key named in any of the four forms KMS accepts: key id, key ARN, alias name, alias ARN.
/// An ARN also says which region to ask, whatever the session's default.
/// </summary>
public sealed partial record KeyIdentifier(string Text, KeyIdentifierKind Kind, string? Region)
{
    [GeneratedRegex(@"^arn:(aws[a-z-]*):kms:([a-z0-9-]+):([0-9]{12}):(key|alias)/(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ArnPattern();

    public bool IsAlias => Kind is KeyIdentifierKind.AliasName or KeyIdentifierKind.AliasArn;

    public static KeyIdentifier Parse(string text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            throw new KmsArgumentException("KeyIdInvalid", "A key identifier is empty. Give a key id, key ARN, alias name (alias/name) or alias ARN.");
        }
        if (value.StartsWith("arn:", StringComparison.Ordinal))
        {
            var match = ArnPattern().Match(value);
            if (!match.Success)
            {
                throw new KmsArgumentException("KeyIdInvalid", 
                    $"'{value}' is not a KMS key or alias ARN. Expected arn:aws:kms:<region>:<12-digit account>:key/<key id> or ...:alias/<name>.");
            }
            var kind = match.Groups[4].Value == "key" ? KeyIdentifierKind.KeyArn : KeyIdentifierKind.AliasArn;
            return new KeyIdentifier(value, kind, match.Groups[2].Value);
        }
        if (value.StartsWith("alias/", StringComparison.Ordinal))
        {
            if (value.Length == "alias/".Length)
            {
                throw new KmsArgumentException("KeyIdInvalid", "'alias/' has no alias name after it.");
            }
            return new KeyIdentifier(value, KeyIdentifierKind.AliasName, null);
        }
        if (value.Contains('/') || value.Contains(':') || value.Any(char.IsWhiteSpace))
        {
            throw new KmsArgumentException("KeyIdInvalid", 
                $"'{value}' is not a key identifier. Give a key id, key ARN, alias name (alias/name) or alias ARN.");
        }
        return new KeyIdentifier(value, KeyIdentifierKind.KeyId, null);
    }

    public override string ToString() => Text;
}

public enum KeyIdentifierKind
{
    KeyId,
    KeyArn,
    AliasName,
    AliasArn,
}
