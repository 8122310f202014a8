namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// One request to decide: who asks, for which action on which resource, with which request context (the condition
/// keys and their values, such as kms:EncryptionContext:app or aws:PrincipalTag/team).
/// </summary>
public sealed record AccessRequest
{
    /// <summary>The caller: an IAM user, role or account root ARN, or an STS assumed-role session ARN.</summary>
    public required string PrincipalArn { get; init; }

    /// <summary>The action with its service prefix, such as kms:Decrypt.</summary>
    public required string Action { get; init; }

    /// <summary>The key ARN (or alias ARN) acted on; "*" for actions on no resource, such as kms:CreateKey.</summary>
    public string Resource { get; init; } = "*";

    /// <summary>The account that owns <see cref="Resource"/>; null when it is "*" (then the caller's own account).</summary>
    public string? ResourceAccount { get; init; }

    /// <summary>
    /// Condition keys (names compared case-insensitively) to their values; a single-valued key has one value, a
    /// multivalued one (kms:EncryptionContextKeys, aws:TagKeys, kms:GrantOperations) one value per member. A key absent
    /// from the request is absent from here.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The request's encryption context, which grant constraints are checked against; null when it has none.</summary>
    public IReadOnlyDictionary<string, string>? EncryptionContext { get; init; }

    /// <summary>The caller's account: the fifth field of <see cref="PrincipalArn"/>.</summary>
    public string PrincipalAccount => PrincipalArn.Split(':') is { Length: > 4 } parts ? parts[4] : "";
}
