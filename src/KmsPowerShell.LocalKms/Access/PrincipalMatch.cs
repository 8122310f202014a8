namespace KmsPowerShell.LocalKms.Access;

/// <summary>How a statement's principal names the caller.</summary>
internal enum PrincipalMatch
{
    /// <summary>Not at all.</summary>
    None,

    /// <summary>Through the caller's account (its root principal): the account's IAM policies must allow too.</summary>
    Account,

    /// <summary>The caller itself ("*", its ARN, its role for a role session, or its account root when it is that root).</summary>
    Direct,
}
