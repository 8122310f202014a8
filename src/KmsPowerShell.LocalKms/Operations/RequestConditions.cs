using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>
/// The condition keys a request itself sets, by action, as the KMS developer guide lists them per operation
/// ("AWS KMS condition keys"): the algorithm asked for, the grant being made, the tags being set, the alias that named
/// the key. Read from the body as sent: an invalid member has already been refused before access is decided.
/// </summary>
internal static class RequestConditions
{
    public static void Add(AccessContextBuilder conditions, string action, RequestReader request)
    {
        switch (action)
        {
            case "Encrypt" or "Decrypt" or "GenerateDataKey" or "GenerateDataKeyWithoutPlaintext":
                conditions.Set("kms:EncryptionAlgorithm", Text(request, "EncryptionAlgorithm") ?? "SYMMETRIC_DEFAULT");
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "KeyId")));
                break;
            case "ReEncryptFrom":
                conditions.Set("kms:EncryptionAlgorithm", Text(request, "SourceEncryptionAlgorithm") ?? "SYMMETRIC_DEFAULT");
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "SourceKeyId")));
                break;
            case "ReEncryptTo":
                conditions.Set("kms:EncryptionAlgorithm", Text(request, "DestinationEncryptionAlgorithm") ?? "SYMMETRIC_DEFAULT");
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "DestinationKeyId")));
                break;
            case "GenerateDataKeyPair" or "GenerateDataKeyPairWithoutPlaintext":
                conditions.Set("kms:DataKeyPairSpec", Text(request, "KeyPairSpec"));
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "KeyId")));
                break;
            case "Sign" or "Verify":
                conditions.Set("kms:SigningAlgorithm", Text(request, "SigningAlgorithm"));
                conditions.Set("kms:MessageType", Text(request, "MessageType") ?? "RAW");
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "KeyId")));
                break;
            case "GenerateMac" or "VerifyMac":
                conditions.Set("kms:MacAlgorithm", Text(request, "MacAlgorithm"));
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "KeyId")));
                break;
            case "DeriveSharedSecret":
                conditions.Set("kms:KeyAgreementAlgorithm", Text(request, "KeyAgreementAlgorithm"));
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "KeyId")));
                break;
            case "Encapsulate" or "Decapsulate":
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "KeyId")));
                break;
            case "DescribeKey" or "GetPublicKey":
                conditions.Set("kms:RequestAlias", AliasName(Text(request, "KeyId")));
                break;
            case "CreateGrant":
                AddGrant(conditions, request);
                break;
            case "CreateKey":
                conditions.Set("kms:KeySpec", Text(request, "KeySpec") ?? Text(request, "CustomerMasterKeySpec") ?? "SYMMETRIC_DEFAULT");
                conditions.Set("kms:KeyUsage", Text(request, "KeyUsage") ?? "ENCRYPT_DECRYPT");
                conditions.Set("kms:KeyOrigin", Text(request, "Origin") ?? "AWS_KMS");
                conditions.Set("kms:MultiRegion", request.Raw("MultiRegion") is JsonValue m && m.TryGetValue(out bool multi) && multi);
                AddBypass(conditions, request);
                AddRequestTags(conditions, request);
                break;
            case "PutKeyPolicy":
                AddBypass(conditions, request);
                break;
            case "TagResource":
                AddRequestTags(conditions, request);
                break;
            case "UntagResource":
                conditions.RemovedTagKeys(Strings(request.Raw("TagKeys")));
                break;
            case "ScheduleKeyDeletion":
                conditions.Set("kms:ScheduleKeyDeletionPendingWindowInDays", Number(request, "PendingWindowInDays") ?? 30);
                break;
            case "EnableKeyRotation":
                conditions.Set("kms:RotationPeriodInDays", Number(request, "RotationPeriodInDays") ?? 365);
                break;
            case "ReplicateKey":
                conditions.Set("kms:ReplicaRegion", Text(request, "ReplicaRegion"));
                AddBypass(conditions, request);
                AddRequestTags(conditions, request);
                break;
            case "GetParametersForImport":
                conditions.Set("kms:WrappingAlgorithm", Text(request, "WrappingAlgorithm"));
                conditions.Set("kms:WrappingKeySpec", Text(request, "WrappingKeySpec"));
                break;
            case "ImportKeyMaterial":
                conditions.Set("kms:ExpirationModel", Text(request, "ExpirationModel") ?? "KEY_MATERIAL_EXPIRES");
                // kms:ValidTo is a Date key: epoch seconds, which the Date operators read.
                if (request.Raw("ValidTo") is JsonValue v && v.TryGetValue(out double validTo))
                {
                    conditions.Set("kms:ValidTo", ((long)Math.Floor(validTo)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                break;
            case "UpdatePrimaryRegion":
                conditions.Set("kms:PrimaryRegion", Text(request, "PrimaryRegion"));
                break;
        }
    }

    private static void AddGrant(AccessContextBuilder conditions, RequestReader request)
    {
        conditions.Set("kms:GrantOperations", Strings(request.Raw("Operations")));
        conditions.Set("kms:GranteePrincipal", Text(request, "GranteePrincipal"));
        conditions.Set("kms:RetiringPrincipal", Text(request, "RetiringPrincipal"));
        conditions.Set("kms:GrantIsForAWSResource", false);
        if (request.Raw("Constraints") is not JsonObject constraints) return;
        foreach (var type in new[] { "EncryptionContextEquals", "EncryptionContextSubset" })
        {
            if (constraints[type] is not JsonObject context) continue;
            conditions.Set("kms:GrantConstraintType", type);
            conditions.EncryptionContext(Pairs(context));
        }
    }

    private static void AddBypass(AccessContextBuilder conditions, RequestReader request) =>
        conditions.Set("kms:BypassPolicyLockoutSafetyCheck", request.Raw("BypassPolicyLockoutSafetyCheck") is JsonValue v && v.TryGetValue(out bool b) && b);

    private static void AddRequestTags(AccessContextBuilder conditions, RequestReader request)
    {
        if (request.Raw("Tags") is not JsonArray tags) return;
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags.OfType<JsonObject>())
        {
            if (tag["TagKey"] is JsonValue k && k.TryGetValue(out string? key)) pairs[key] = tag["TagValue"] is JsonValue v && v.TryGetValue(out string? value) ? value : "";
        }
        conditions.RequestTags(pairs);
    }

    /// <summary>The alias name when a key identifier is an alias name or alias ARN; null otherwise.</summary>
    private static string? AliasName(string? keyId) =>
        keyId is null ? null :
        keyId.StartsWith("alias/", StringComparison.Ordinal) ? keyId :
        keyId.StartsWith("arn:", StringComparison.Ordinal) && keyId.IndexOf(":alias/", StringComparison.Ordinal) is var at and > 0 ? keyId[(at + 1)..] :
        null;

    private static string? Text(RequestReader request, string member) =>
        request.Raw(member) is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static int? Number(RequestReader request, string member) =>
        request.Raw(member) is JsonValue value && value.TryGetValue(out int number) ? number : null;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>() : [];

    private static Dictionary<string, string> Pairs(JsonObject context) =>
        context.Where(p => p.Value is JsonValue v && v.TryGetValue(out string? _))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
}
