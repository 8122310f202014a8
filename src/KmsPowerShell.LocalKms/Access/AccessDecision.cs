namespace KmsPowerShell.LocalKms.Access;

/// <summary>The outcome of an access decision, in IAM's words.</summary>
public enum AccessDecision
{
    /// <summary>A policy statement or a grant allows the request and no statement denies it.</summary>
    Allowed,

    /// <summary>A Deny statement of the key policy or of an identity policy matches: nothing can allow it then.</summary>
    ExplicitDeny,

    /// <summary>Nothing allows it.</summary>
    ImplicitDeny,
}
