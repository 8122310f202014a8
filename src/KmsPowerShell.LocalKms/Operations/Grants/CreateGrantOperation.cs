using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Grants;

/// <summary>
/// Creates a grant and returns a fresh grant token. With a Name, a retry with the same parameters returns the
/// existing grant id, as AWS does. A grantee using CreateGrant may pass on only operations it has itself.
/// </summary>
internal sealed class CreateGrantOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var grantee = request.RequiredString("GranteePrincipal", 1, 256, KmsPatterns.Principal());
        var retiring = request.String("RetiringPrincipal", 1, 256, pattern: KmsPatterns.Principal());
        var operations = request.StringList("Operations", GrantOperationNames.All.Length, 1, 64, required: true);
        var invalid = operations.Where(o => !GrantOperationNames.All.Contains(o)).ToList();
        if (invalid.Count > 0)
        {
            request.AddViolation(ValidationMessage.Constraint($"[{string.Join(", ", operations)}]", "operations",
                ValidationMessage.EnumItems(GrantOperationNames.All)));
        }
        var constraints = GrantConstraintsReader.Read(request);
        var tokens = context.ReadGrantTokens();
        var name = request.String("Name", 1, 256, pattern: KmsPatterns.GrantName());
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        if (operations.Count == 0) throw KmsErrors.Validation(ValidationMessage.Combine([ValidationMessage.Constraint("[]", "operations", ValidationMessage.MinLength(1))]));
        context.UseGrantTokens(tokens);

        var key = context.Keys.ResolveKey(keyId);
        var parent = context.Auth.Require(key, Name);
        if (parent is not null && operations.Except(parent.Operations).Any())
        {
            throw KmsErrors.AccessDenied(context.Caller.Principal.PrincipalArn, Name, key.Arn);
        }
        KeyGuard.RequireNotPendingDeletion(key);
        var allowed = GrantOperationNames.AllowedFor(key);
        var unfit = operations.Where(o => !allowed.Contains(o)).ToList();
        if (unfit.Count > 0) throw KmsErrors.Validation($"Grant operations {string.Join(", ", unfit)} are not valid for key {key.Arn} of key spec {key.KeySpec} and key usage {key.KeyUsage}.");
        if (constraints is not null && key.KeySpec != KmsKeySpec.SymmetricDefault)
        {
            throw KmsErrors.Validation("Grant constraints on the encryption context are only valid for symmetric encryption KMS keys.");
        }
        if (dryRun) throw KmsErrors.DryRun();

        var grant = Existing(context, key, name, grantee, retiring, operations, constraints) ?? Add(context, key, name, grantee, retiring, operations, constraints);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        context.State.GrantTokens[token] = grant.GrantId;
        return new JsonObject { ["GrantToken"] = token, ["GrantId"] = grant.GrantId };
    }

    private static StoredGrant? Existing(OperationContext context, StoredKey key, string? name, string grantee, string? retiring,
        List<string> operations, GrantConstraints? constraints) =>
        name is null ? null : context.State.Grants.Values.FirstOrDefault(g =>
            g.KeyArn == key.Arn && g.Name == name && g.GranteePrincipal == grantee && g.RetiringPrincipal == retiring &&
            g.Operations.Order().SequenceEqual(operations.Order()) && GrantConstraints.Of(g) == constraints);

    private static StoredGrant Add(OperationContext context, StoredKey key, string? name, string grantee, string? retiring,
        List<string> operations, GrantConstraints? constraints)
    {
        var grant = new StoredGrant
        {
            GrantId = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant(),
            KeyArn = key.Arn,
            Name = name,
            CreationDate = context.Now,
            GranteePrincipal = grantee,
            RetiringPrincipal = retiring,
            IssuingAccount = context.Caller.Principal.AccountRootArn,
            Operations = operations.Distinct().ToList(),
            EncryptionContextEquals = constraints?.ContextEquals,
            EncryptionContextSubset = constraints?.ContextSubset,
        };
        context.State.Grants[grant.GrantId] = grant;
        return grant;
    }
}
