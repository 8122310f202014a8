using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Operations.KeyStores;
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
        var xksKeyId = request.String("XksKeyId", 1, 128, pattern: KmsPatterns.XksKeyId());
        request.ThrowIfInvalid();

        context.Auth.RequireAccountPermission("CreateKey");
        if (spec is not null && legacySpec is not null)
        {
            throw KmsErrors.Validation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.");
        }
        var specName = spec ?? legacySpec ?? KmsKeySpec.SymmetricDefault;
        var store = CustomKeyStoreFor(context, origin, customKeyStore, specName, usage, multiRegion);
        if (xksKeyId is not null && origin != KeyOrigins.ExternalKeyStore) throw KmsErrors.Validation($"XksKeyId is valid only with Origin EXTERNAL_KEY_STORE, not {origin}.");
        if (origin == KeyOrigins.ExternalKeyStore)
        {
            if (xksKeyId is null) throw KmsErrors.Validation("Origin EXTERNAL_KEY_STORE needs the XksKeyId of a key at the external key store's proxy.");
            ExternalKeys.RequireUsable(context, store!, xksKeyId);
        }
        // Both spec members were checked against the API's names above.
        var info = KmsKeySpec.Find(specName)!;
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
            Policy = policy ?? KeyPolicies.Default(context.Account, context.Region),
            Tags = tags,
            MultiRegion = multiRegion,
            PrimaryRegion = multiRegion ? context.Region : null,
            Origin = origin,
            CustomKeyStoreId = store?.CustomKeyStoreId,
            XksKeyId = xksKeyId,
            // A key for imported material has none until ImportKeyMaterial.
            KeyState = origin == KeyOrigins.External ? KeyStates.PendingImport : KeyStates.Enabled,
            Materials = origin == KeyOrigins.External ? [] : [KeyMaterialFactory.Create(info, 1, context.Now)],
        };
        if (policy is not null) KeyPolicies.Check(context, key, policy, bypassLockoutCheck);
        TagList.CheckRules(tags);
        context.State.Keys[key.Arn] = key;
        return new JsonObject { ["KeyMetadata"] = KeyMetadataWriter.Write(key, context.State) };
    }

    /// <summary>
    /// The custom key store a key is made in (Origin AWS_CLOUDHSM or EXTERNAL_KEY_STORE with CustomKeyStoreId), checked
    /// as AWS documents: the store exists, is of the origin's type and CONNECTED, and the key is a symmetric
    /// single-Region encryption key. The texts are ours: AWS's are not public.
    /// </summary>
    private static StoredCustomKeyStore? CustomKeyStoreFor(OperationContext context, string origin, string? customKeyStoreId, string spec, string? usage, bool multiRegion)
    {
        if (origin is not (KeyOrigins.AwsCloudHsm or KeyOrigins.ExternalKeyStore))
        {
            if (customKeyStoreId is not null) throw KmsErrors.Validation($"A key in a custom key store needs Origin AWS_CLOUDHSM or EXTERNAL_KEY_STORE, not {origin}.");
            return null;
        }
        var external = origin == KeyOrigins.ExternalKeyStore;
        if (customKeyStoreId is null) throw KmsErrors.Validation($"Origin {origin} needs the CustomKeyStoreId of {(external ? "an external" : "a CloudHSM")} key store.");
        var store = CustomKeyStoreLookup.Find(context, customKeyStoreId);
        if (store.IsExternal != external)
        {
            throw KmsErrors.Validation($"Custom key store {customKeyStoreId} is of type {store.CustomKeyStoreType}: its keys have Origin {(store.IsExternal ? KeyOrigins.ExternalKeyStore : KeyOrigins.AwsCloudHsm)}.");
        }
        if (store.ConnectionState != CustomKeyStoreStates.Connected)
        {
            throw KmsErrors.CustomKeyStoreInvalidState($"Custom key store {customKeyStoreId} is {store.ConnectionState}; creating a key in it requires it to be CONNECTED.");
        }
        if (spec != KmsKeySpec.SymmetricDefault || (usage ?? KmsKeyUsages.EncryptDecrypt) != KmsKeyUsages.EncryptDecrypt || multiRegion)
        {
            throw KmsErrors.Unsupported("A custom key store holds only symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) of a single Region.");
        }
        return store;
    }
}
