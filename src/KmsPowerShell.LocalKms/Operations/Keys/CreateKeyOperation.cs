using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Operations.Tags;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Keys;

internal sealed class CreateKeyOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var policy = request.String("Policy", 1, KeyPolicies.MaxRequestLength, pattern: KmsPatterns.Policy());
        var description = request.String("Description", 0, 8192) ?? "";
        var usage = request.Enum("KeyUsage", KmsKeyUsages.All);
        var spec = request.Enum("KeySpec", KmsKeySpec.Names);
        var legacySpec = request.Enum("CustomerMasterKeySpec", KmsKeySpec.Names);
        var origin = request.Enum("Origin", KeyOrigins.All) ?? KeyOrigins.AwsKms;
        var customKeyStore = request.String("CustomKeyStoreId", 1, 64);
        var tags = TagList.Read(request, "Tags");
        var multiRegion = request.Bool("MultiRegion");
        var bypassLockoutCheck = request.Bool("BypassPolicyLockoutSafetyCheck");
        request.String("XksKeyId", 1, 128);
        request.ThrowIfInvalid();

        context.Auth.RequireAccountPermission("CreateKey");
        if (spec is not null && legacySpec is not null)
        {
            throw KmsErrors.Validation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.");
        }
        if (origin is KeyOrigins.AwsCloudHsm or KeyOrigins.ExternalKeyStore || customKeyStore is not null)
        {
            throw KmsErrors.Unsupported("The local KMS has no custom key stores: it makes keys with Origin AWS_KMS or EXTERNAL in the default key store.");
        }
        var specName = spec ?? legacySpec ?? KmsKeySpec.SymmetricDefault;
        var info = KeySpecCatalog.Find(specName) ?? throw KmsErrors.Unsupported($"KeySpec {specName} is not supported by the local KMS.");
        if (usage is null && specName != KmsKeySpec.SymmetricDefault)
        {
            throw KmsErrors.Validation("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
        }
        usage ??= KmsKeyUsages.EncryptDecrypt;
        if (!info.Usages.Contains(usage)) throw KmsErrors.Validation($"KeyUsage {usage} is not compatible with KeySpec {specName}");

        var keyId = multiRegion ? "mrk-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() : Guid.NewGuid().ToString();
        var key = new StoredKey
        {
            Arn = KeyResolver.KeyArn(context.Account, context.Region, keyId),
            KeyId = keyId,
            Account = context.Account,
            Region = context.Region,
            CreationDate = context.Now,
            Description = description,
            KeySpec = specName,
            KeyUsage = usage,
            Policy = policy ?? KeyPolicies.Default(context.Account),
            Tags = tags,
            MultiRegion = multiRegion,
            PrimaryRegion = multiRegion ? context.Region : null,
            Origin = origin,
            // A key for imported material has none until ImportKeyMaterial.
            KeyState = origin == KeyOrigins.External ? KeyStates.PendingImport : KeyStates.Enabled,
            Materials = origin == KeyOrigins.External ? [] : [KeyMaterialFactory.Create(info, 1, context.Now)],
        };
        if (policy is not null) KeyPolicies.Check(context, key, policy, bypassLockoutCheck);
        TagList.CheckRules(tags);
        context.State.Keys[key.Arn] = key;
        return new JsonObject { ["KeyMetadata"] = KeyMetadataWriter.Write(key, context.State) };
    }
}
