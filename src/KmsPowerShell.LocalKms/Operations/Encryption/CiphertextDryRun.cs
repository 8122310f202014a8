using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

/// <summary>
/// DryRun of Decrypt and ReEncrypt. The ciphertext is checked as in a real call (opened, so a wrong encryption context
/// or a damaged blob is InvalidCiphertextException), unless DryRunModifiers holds IGNORE_CIPHERTEXT: then, as the API
/// reference says, "KMS performs only authorization validation without ciphertext validation", so the blob may be
/// left out and the key must be named.
/// </summary>
internal sealed record CiphertextDryRun(bool DryRun, bool IgnoreCiphertext)
{
    private const string IgnoreCiphertextModifier = "IGNORE_CIPHERTEXT";

    public static CiphertextDryRun Read(RequestReader request)
    {
        var dryRun = request.Bool("DryRun");
        var modifiers = request.EnumList("DryRunModifiers", [IgnoreCiphertextModifier]);
        return new CiphertextDryRun(dryRun, dryRun && modifiers.Contains(IgnoreCiphertextModifier));
    }

    /// <summary>With IGNORE_CIPHERTEXT: resolves the key the request names and checks the caller may use it.</summary>
    public static void AuthorizeNamedKey(OperationContext context, string? keyId, string member, string action,
        IReadOnlyDictionary<string, string> encryptionContext)
    {
        if (keyId is null) throw KmsErrors.Validation($"{member} is required when DryRunModifiers is {IgnoreCiphertextModifier}.");
        context.KeyFor(keyId, action, allowAlias: true, encryptionContext);
    }
}
