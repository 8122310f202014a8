namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// The messages for each way a policy document can be wrong. Key policies answer in KMS's words and identity policies
/// in IAM's; where the service's text is not public, the text is ours (the report of issue 16 lists which).
/// </summary>
internal sealed record PolicyFaultTexts(
    string InvalidJson,
    string MissingStatement,
    string InvalidVersion,
    string UnknownElement,
    string InvalidElement,
    string MissingEffect,
    string InvalidEffect,
    string MissingPrincipal,
    string PrincipalNotAllowed,
    string InvalidPrincipals,
    string BothElements,
    string MissingActions,
    string MissingResources,
    string InvalidAction,
    string InvalidResource,
    string UnknownOperator,
    string InvalidConditionValue,
    string TooLarge,
    string InvalidCharacters,
    string DuplicateSid,
    int? MaxBytes)
{
    /// <summary>KMS's texts; only InvalidPrincipals is known verbatim, the rest are ours.</summary>
    public static readonly PolicyFaultTexts KeyPolicy = new(
        InvalidJson: "Policy contains invalid JSON.",
        MissingStatement: "Policy is missing required element - Statement.",
        InvalidVersion: "Policy has an invalid Version: '{0}'. Use 2012-10-17 or 2008-10-17.",
        UnknownElement: "Policy contains an unknown element: '{0}'.",
        InvalidElement: "Policy contains an invalid value for element '{0}'.",
        MissingEffect: "Policy contains a statement with no Effect.",
        InvalidEffect: "Policy contains a statement with an invalid Effect: '{0}'. Use Allow or Deny.",
        MissingPrincipal: "Policy contains a statement with no principal.",
        PrincipalNotAllowed: "",
        InvalidPrincipals: "Policy contains a statement with one or more invalid principals.",
        BothElements: "Policy contains a statement with both {0} and Not{0}.",
        MissingActions: "",
        MissingResources: "",
        InvalidAction: "Policy contains a statement with an invalid action: '{0}'.",
        InvalidResource: "Policy contains a statement with an invalid resource: '{0}'.",
        UnknownOperator: "Policy contains a statement with an unknown condition operator: '{0}'.",
        InvalidConditionValue: "Policy contains a statement with an invalid value for condition operator {0}: '{1}'.",
        TooLarge: "Policy exceeds the maximum size of 32768 bytes.",
        InvalidCharacters: "Policy contains a character that a key policy cannot hold: printable ASCII and Latin-1 characters, tab, line feed and carriage return only.",
        DuplicateSid: "",
        MaxBytes: 32768);

    /// <summary>IAM's texts, as IAM answers CreatePolicy/PutUserPolicy (recorded in public SDK and emulator test suites).</summary>
    public static readonly PolicyFaultTexts IdentityPolicy = new(
        InvalidJson: "Syntax errors in policy.",
        MissingStatement: "Syntax errors in policy.",
        InvalidVersion: "Syntax errors in policy.",
        UnknownElement: "Syntax errors in policy.",
        InvalidElement: "Syntax errors in policy.",
        MissingEffect: "Syntax errors in policy.",
        InvalidEffect: "Syntax errors in policy.",
        MissingPrincipal: "",
        PrincipalNotAllowed: "Policy document should not specify a principal.",
        InvalidPrincipals: "Policy document should not specify a principal.",
        BothElements: "Syntax errors in policy.",
        MissingActions: "Policy statement must contain actions.",
        MissingResources: "Policy statement must contain resources.",
        InvalidAction: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
        InvalidResource: "Resource {0} must be in ARN format or \"*\".",
        UnknownOperator: "Syntax errors in policy.",
        InvalidConditionValue: "The policy failed legacy parsing",
        TooLarge: "",
        InvalidCharacters: "",
        DuplicateSid: "Statement IDs (SID) in a single policy must be unique.",
        MaxBytes: null);
}
