namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// A grant as the access decision sees it: one that is in effect (propagated, or its token came with the request).
/// Operations are bare KMS operation names (Decrypt, not kms:Decrypt), as grants name them.
/// </summary>
public sealed record GrantAllowance(
    string GrantId,
    string GranteePrincipal,
    IReadOnlyCollection<string> Operations,
    IReadOnlyDictionary<string, string>? EncryptionContextEquals = null,
    IReadOnlyDictionary<string, string>? EncryptionContextSubset = null);
