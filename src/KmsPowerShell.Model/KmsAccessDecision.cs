namespace KmsPowerShell;

/// <summary>How a KMS request would be decided, in IAM's words.</summary>
public enum KmsAccessDecision
{
    /// <summary>A key policy statement, an identity policy (where the key policy lets it decide) or a grant allows it.</summary>
    Allowed,

    /// <summary>A Deny statement matches: nothing can allow it.</summary>
    ExplicitDeny,

    /// <summary>Nothing allows it.</summary>
    ImplicitDeny,
}
