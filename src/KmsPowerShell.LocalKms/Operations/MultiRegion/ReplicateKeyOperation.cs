using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Operations.Import;
using KmsPowerShell.LocalKms.Operations.Tags;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.MultiRegion;

/// <summary>
/// Makes a replica of a multi-Region primary in another region: same key id, spec, usage, material and rotation;
/// its own description, tags, policy and key state (shared and independent properties as AWS documents them).
/// </summary>
internal sealed class ReplicateKeyOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var replicaRegion = context.Request.RequiredString("ReplicaRegion", 1, 32, KmsPatterns.Region());
        var policy = context.Request.String("Policy", 1, KeyPolicies.MaxRequestLength, pattern: KmsPatterns.Policy());
        var description = context.Request.String("Description", 0, 8192) ?? "";
        var tags = TagList.Read(context.Request, "Tags");
        var bypassLockoutCheck = context.Request.Bool("BypassPolicyLockoutSafetyCheck");
        context.Request.ThrowIfInvalid();

        var primary = context.KeyFor(keyId, Name);
        MultiRegionGuard.RequirePrimary(primary);
        KeyGuard.RequireNotPendingDeletion(primary);
        if (replicaRegion == primary.Region) throw KmsErrors.Validation($"The replica region must differ from the primary key's region {primary.Region}.");
        if (KmsPartition.Of(replicaRegion) != KmsPartition.Of(primary.Region))
        {
            // The API reference: the replica Region must be "in the same Amazon Web Services partition" (AWS's error text is not public).
            throw KmsErrors.Validation($"The replica region {replicaRegion} is not in the partition of the primary key's region {primary.Region} ({KmsPartition.Of(primary.Region)}).");
        }
        TagList.CheckRules(tags);
        var arn = KeyResolver.KeyArn(primary.Account, replicaRegion, primary.KeyId);
        if (context.State.Keys.ContainsKey(arn)) throw KmsErrors.AlreadyExists($"Replica key {arn} already exists.");

        var replica = new StoredKey
        {
            Arn = arn,
            KeyId = primary.KeyId,
            Account = primary.Account,
            Region = replicaRegion,
            CreationDate = context.Now,
            Description = description,
            KeySpec = primary.KeySpec,
            KeyUsage = primary.KeyUsage,
            KeyState = KeyStates.Creating,
            CreationCompleteDate = context.Now + context.ReplicaCreationDelay,
            Policy = policy ?? KeyPolicies.Default(primary.Account, replicaRegion),
            Tags = tags,
            MultiRegion = true,
            PrimaryRegion = primary.Region,
            Origin = primary.Origin,
            // A replica of a key with imported material gets each of the primary's materials by its own import, as in AWS.
            Materials = primary.IsExternal ? MultiRegionImports.AwaitingImport(primary) : [.. primary.Materials],
            RotationEnabled = primary.RotationEnabled,
            RotationPeriodInDays = primary.RotationPeriodInDays,
            NextRotationDate = primary.NextRotationDate,
            Rotations = [.. primary.Rotations],
        };
        if (policy is not null) KeyPolicies.Check(context, replica, policy, bypassLockoutCheck);
        context.State.Keys[arn] = replica;
        var response = new JsonObject
        {
            ["ReplicaKeyMetadata"] = KeyMetadataWriter.Write(replica, context.State),
            ["ReplicaPolicy"] = replica.Policy,
        };
        if (replica.Tags.Count > 0) response["ReplicaTags"] = TagList.Write(replica.Tags);
        return response;
    }
}
