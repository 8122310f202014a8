namespace KmsPowerShell.LocalKms.Access;

/// <summary>A parsed and validated key policy or IAM identity policy.</summary>
public sealed class PolicyDocument
{
    internal PolicyDocument(string text, string? version, string? id, IReadOnlyList<PolicyStatement> statements)
    {
        Text = text;
        Version = version;
        Id = id;
        Statements = statements;
        NamedPrincipals = statements.SelectMany(s => s.Principals).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The document as given.</summary>
    public string Text { get; }

    /// <summary>"2012-10-17", "2008-10-17", or null when absent (which IAM reads as 2008-10-17).</summary>
    public string? Version { get; }

    public string? Id { get; }

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Every AWS principal a Principal or NotPrincipal names: bare account ids as their root ARN, "*" as "*".</summary>
    public IReadOnlyList<string> NamedPrincipals { get; }

    /// <summary>Policy variables are resolved only in policies of version 2012-10-17; older ones read ${...} literally.</summary>
    internal bool ResolvesVariables => Version == "2012-10-17";

    /// <summary>Parses a key policy, with KMS's rules (every statement names a principal; at most 32 KB).</summary>
    /// <exception cref="PolicyDocumentException">The policy is malformed; the message says how, in KMS's words where public.</exception>
    public static PolicyDocument Parse(string json) => new PolicyParser(json, PolicyFaultTexts.KeyPolicy, isKeyPolicy: true).Parse();

    /// <summary>Parses an IAM identity policy, with IAM's rules (no principal; Action and Resource required).</summary>
    /// <exception cref="PolicyDocumentException">The policy is malformed; the message is IAM's text for the fault.</exception>
    public static PolicyDocument ParseIdentityPolicy(string json) =>
        new PolicyParser(json, PolicyFaultTexts.IdentityPolicy, isKeyPolicy: false).Parse();
}
