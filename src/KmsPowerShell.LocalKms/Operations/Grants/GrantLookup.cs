using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Grants;

internal static class GrantLookup
{
    /// <summary>A malformed grant id is InvalidGrantIdException; a well-formed one not on the key is NotFoundException.</summary>
    public static StoredGrant Find(OperationContext context, StoredKey key, string grantId)
    {
        RequireWellFormed(grantId);
        var grant = context.State.Grants.GetValueOrDefault(grantId);
        if (grant is null || grant.KeyArn != key.Arn) throw KmsErrors.NotFound($"Grant ID {grantId} not found for key {key.Arn}.");
        return grant;
    }

    /// <summary>InvalidGrantIdException for a grant id no grant can have (ListGrants' GrantId filter, RevokeGrant, RetireGrant).</summary>
    public static void RequireWellFormed(string grantId)
    {
        if (!KmsPatterns.GrantId().IsMatch(grantId)) throw KmsErrors.InvalidGrantId(grantId);
    }
}
