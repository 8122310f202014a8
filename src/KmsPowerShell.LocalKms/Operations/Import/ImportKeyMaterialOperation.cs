using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Import;

/// <summary>
/// Imports key material wrapped with the public key of an import token: the first material of a key, the same
/// material again (after deletion or expiry, or to change its expiry), or new material for a symmetric key that
/// RotateKeyOnDemand then makes current. A multi-Region replica takes only its primary's material (see <see cref="MultiRegionImports"/>).
/// </summary>
internal sealed class ImportKeyMaterialOperation : KmsOperation
{
    public const string NewKeyMaterial = "NEW_KEY_MATERIAL";
    public const string ExistingKeyMaterial = "EXISTING_KEY_MATERIAL";
    private static readonly string[] ExpirationModels = [ImportedMaterial.Expires, ImportedMaterial.DoesNotExpire];
    private static readonly string[] ImportTypes = [NewKeyMaterial, ExistingKeyMaterial];

    /// <summary>The furthest ValidTo AWS accepts: 365 days from the request.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(365);

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var token = request.Blob("ImportToken", 1, 6144, required: true);
        var wrapped = request.Blob("EncryptedKeyMaterial", 1, 6144, required: true);
        var validTo = request.Timestamp("ValidTo");
        var model = request.Enum("ExpirationModel", ExpirationModels) ?? ImportedMaterial.Expires;
        var importType = request.Enum("ImportType", ImportTypes);
        var description = request.String("KeyMaterialDescription", 0, 256);
        var materialId = request.String("KeyMaterialId", 64, 64, pattern: KmsPatterns.KeyMaterialId());
        request.ThrowIfInvalid();

        var key = context.KeyFor(keyId, Name);
        ImportGuard.RequireImportable(key);
        CheckExpiration(model, validTo, context.Now);
        var spec = KeySpecCatalog.Of(key);
        if (spec.Family != KmsKeyFamily.Symmetric && (importType ?? materialId ?? description) is not null)
        {
            // The API reference: these parameters are "only usable with symmetric encryption keys" (AWS's error text is not public).
            throw KmsErrors.Validation($"ImportType, KeyMaterialId and KeyMaterialDescription are only usable with symmetric encryption keys; {key.Arn} has key spec {key.KeySpec}.");
        }
        if (key.IsReplica && importType == NewKeyMaterial)
        {
            // "You cannot directly import new key material into the replica Region keys" (the API reference; the text is ours).
            throw KmsErrors.Unsupported($"{key.Arn} is a multi-Region replica key: import new key material into its primary key in {key.PrimaryRegion}, then the same material into each replica with ImportType EXISTING_KEY_MATERIAL.");
        }
        // A replica's material is always the primary's: EXISTING_KEY_MATERIAL, even for its first import.
        importType ??= key.Materials.Count == 0 && !key.IsReplica ? NewKeyMaterial : ExistingKeyMaterial;
        if (importType == NewKeyMaterial && materialId is not null)
        {
            throw KmsErrors.Validation("You cannot specify a KeyMaterialId when ImportType is NEW_KEY_MATERIAL.");
        }

        var parameters = Open(context, key, token!);
        byte[]? plain = null;
        byte[]? material = null;
        try
        {
            plain = ImportWrapping.Unwrap(parameters.PrivateKey, parameters.Algorithm, wrapped!);
            material = ImportedMaterial.Normalize(spec, plain);
            var id = ImportedMaterial.MaterialId(key, material);
            if (materialId is not null && materialId != id) throw Different(key);
            var target = importType == NewKeyMaterial ? AddNew(key, spec, id, context.Now) : Existing(context.State, key, id);
            if (!target.IsPresent) target.Secret = (byte[])material.Clone();
            target.ImportState = ImportedMaterial.Imported;
            target.ExpirationModel = model;
            target.ValidTo = model == ImportedMaterial.Expires ? validTo : null;
            if (description is not null) target.Description = description;
            if (key.KeyState == KeyStates.PendingImport && ImportedMaterial.IsComplete(key)) key.KeyState = KeyStates.Enabled;
            return new JsonObject { ["KeyId"] = key.Arn, ["KeyMaterialId"] = id };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.PrivateKey);
            if (plain is not null) CryptographicOperations.ZeroMemory(plain);
            if (material is not null) CryptographicOperations.ZeroMemory(material);
        }
    }

    private static ImportParameters Open(OperationContext context, StoredKey key, byte[] token)
    {
        var parameters = context.ImportTokens.Open(token);
        if (parameters.KeyArn != key.Arn)
        {
            CryptographicOperations.ZeroMemory(parameters.PrivateKey);
            throw ImportTokenCodec.Invalid();
        }
        if (context.Now > parameters.ValidTo)
        {
            CryptographicOperations.ZeroMemory(parameters.PrivateKey);
            throw KmsErrors.ExpiredImportToken("The import token has expired. Call GetParametersForImport for a new import token and public key.");
        }
        return parameters;
    }

    private static void CheckExpiration(string model, DateTimeOffset? validTo, DateTimeOffset now)
    {
        if (model == ImportedMaterial.Expires && validTo is null)
        {
            throw KmsErrors.Validation("A ValidTo value is required when ExpirationModel is KEY_MATERIAL_EXPIRES.");
        }
        if (model == ImportedMaterial.DoesNotExpire && validTo is not null)
        {
            throw KmsErrors.Validation("ValidTo must be omitted when ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE.");
        }
        if (validTo is { } date && (date <= now || date > now + MaxValidity))
        {
            throw KmsErrors.Validation("ValidTo must be a time in the future, at most 365 days from now.");
        }
    }

    /// <summary>The key's first material, or new material for a symmetric key, waiting for RotateKeyOnDemand.</summary>
    private static StoredKeyMaterial AddNew(StoredKey key, KmsKeySpec spec, string id, DateTimeOffset now)
    {
        if (key.Materials.Count > 0)
        {
            if (spec.Family != KmsKeyFamily.Symmetric) throw KmsErrors.Unsupported($"{key.Arn} key spec {key.KeySpec} takes only one key material: import NEW_KEY_MATERIAL into symmetric encryption keys only.");
            if (key.Materials.Any(m => m.MaterialId == id)) throw KmsErrors.IncorrectKeyMaterial($"This key material is already associated with {key.Arn}; import it with ImportType EXISTING_KEY_MATERIAL.");
            if (key.Materials.Any(m => m.PendingRotation)) throw KmsErrors.InvalidState($"{key.Arn} already has new key material waiting for RotateKeyOnDemand.");
        }
        var material = new StoredKeyMaterial
        {
            Version = key.Materials.Count == 0 ? 1 : key.Materials.Max(m => m.Version) + 1,
            MaterialId = id,
            CreatedAt = now,
            PendingRotation = key.Materials.Count > 0,
        };
        key.Materials.Add(material);
        return material;
    }

    /// <summary>The key's entry of material it had, or, in a replica, of its primary's material (new material the primary waits to rotate to).</summary>
    private static StoredKeyMaterial Existing(KmsState state, StoredKey key, string id) =>
        key.Materials.FirstOrDefault(m => m.MaterialId == id)
        ?? (key.IsReplica ? MultiRegionImports.AdoptFromPrimary(state, key, id) : null)
        ?? throw Different(key);

    /// <summary>IncorrectKeyMaterialException: not the material this key had, or a replica's primary has (AWS's exact text is not public).</summary>
    private static KmsErrorException Different(StoredKey key) => KmsErrors.IncorrectKeyMaterial(key.IsReplica
        ? $"The key material is not key material of the multi-Region primary key in {key.PrimaryRegion}; import the primary key's material into {key.Arn}."
        : $"The key material is not the key material that was previously imported into {key.Arn}.");
}
