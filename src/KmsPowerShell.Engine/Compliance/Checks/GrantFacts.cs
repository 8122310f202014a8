namespace KmsPowerShell.Engine.Compliance;

/// <summary>How a grant finding states its facts.</summary>
internal static class GrantFacts
{
    public static string Evidence(KmsGrant grant) =>
        $"ListGrants: GrantId = {grant.GrantId}" +
        (grant.Name is { Length: > 0 } name ? $", Name = {name}" : "") +
        $", GranteePrincipal = {grant.GranteePrincipal}, Operations = {string.Join(",", grant.Operations)}" +
        $", Constraints = {(grant.Constraints.Length > 0 ? grant.Constraints : "none")}" +
        (grant.CreationDate is { } created ? $", CreationDate = {CheckFacts.Text(created)}" : "");
}
