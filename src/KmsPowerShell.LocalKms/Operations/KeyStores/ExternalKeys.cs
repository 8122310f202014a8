using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// Keys in external key stores: CreateKey asks the proxy's GetKeyMetadata for the external key, and every ciphertext
/// is encrypted twice, as AWS does: by the local KMS with the key's own material, then by the proxy's Encrypt with the
/// external key (Decrypt in the reverse order). Cryptographic operations answer KMSInvalidStateException for every
/// failure of the proxy or the store, as AWS documents; an external key that refuses the ciphertext is
/// InvalidCiphertextException. The texts are ours: AWS's are not public.
/// </summary>
internal static class ExternalKeys
{
    /// <summary>CreateKey: the external key exists, is an enabled AES-256 key for ENCRYPT and DECRYPT, and no other KMS key of the store uses it.</summary>
    public static void RequireUsable(OperationContext context, StoredCustomKeyStore store, string xksKeyId)
    {
        if (CustomKeyStoreKeys.Of(context, store).FirstOrDefault(k => k.XksKeyId == xksKeyId) is { } user)
        {
            throw KmsErrors.XksKeyAlreadyInUse($"External key {xksKeyId} is already associated with KMS key {user.Arn} in custom key store {store.CustomKeyStoreId}.");
        }
        var answer = context.Xks.Call(XksProxyCall.To(store, KeyPath(xksKeyId, "metadata"), RequestMetadata(context, null)));
        if (answer.IsSuccess)
        {
            var body = answer.Body!;
            var usages = (body["keyUsage"] as JsonArray)?.Select(u => (u as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null).ToList() ?? [];
            if (Text(body, "keySpec") != "AES_256" || !usages.Contains("ENCRYPT") || !usages.Contains("DECRYPT") || Text(body, "keyStatus") != "ENABLED")
            {
                throw KmsErrors.XksKeyInvalidConfiguration(
                    $"External key {xksKeyId} must be an ENABLED AES_256 key whose usage includes ENCRYPT and DECRYPT; the XKS proxy describes it otherwise.");
            }
            return;
        }
        if (answer.ErrorName == "KeyNotFoundException" || answer.StatusCode == 404)
        {
            throw KmsErrors.XksKeyNotFound($"The XKS proxy of custom key store {store.CustomKeyStoreId} does not find external key {xksKeyId}.");
        }
        if (answer.Outcome == XksProxyOutcome.TimedOut)
        {
            throw KmsErrors.DependencyTimeout($"The XKS proxy of custom key store {store.CustomKeyStoreId} did not answer in time.");
        }
        throw KmsErrors.CustomKeyStoreInvalidState($"The XKS proxy of custom key store {store.CustomKeyStoreId} could not describe external key {xksKeyId}: {Failure(answer)}.");
    }

    /// <summary>The outer layer: the proxy encrypts what the local KMS sealed, under the same additional data.</summary>
    public static byte[] Encrypt(OperationContext context, StoredKey key, ReadOnlySpan<byte> sealedByKms, byte[] aad)
    {
        var body = RequestMetadata(context, key.Arn);
        body["plaintext"] = Convert.ToBase64String(sealedByKms);
        body["encryptionAlgorithm"] = "AES_GCM";
        body["additionalAuthenticatedData"] = Convert.ToBase64String(aad);
        var answer = Call(context, key, "encrypt", body);
        var outer = new ExternalCiphertext(Base64(answer, "initializationVector"), Base64(answer, "ciphertextMetadata", optional: true),
            Base64(answer, "authenticationTag"), Base64(answer, "ciphertext"));
        if (!outer.IsValid || outer.Ciphertext.Length != sealedByKms.Length) throw InvalidAnswer(key);
        return outer.Encode();
    }

    /// <summary>The proxy opens the outer layer; the local KMS then opens what it sealed.</summary>
    public static byte[] Decrypt(OperationContext context, StoredKey key, ExternalCiphertext outer, byte[] aad)
    {
        var body = RequestMetadata(context, key.Arn);
        body["ciphertext"] = Convert.ToBase64String(outer.Ciphertext);
        if (outer.Metadata.Length > 0) body["ciphertextMetadata"] = Convert.ToBase64String(outer.Metadata);
        body["encryptionAlgorithm"] = "AES_GCM";
        body["additionalAuthenticatedData"] = Convert.ToBase64String(aad);
        body["initializationVector"] = Convert.ToBase64String(outer.InitializationVector);
        body["authenticationTag"] = Convert.ToBase64String(outer.AuthenticationTag);
        var plaintext = Base64(Call(context, key, "decrypt", body), "plaintext");
        if (plaintext.Length != outer.Ciphertext.Length)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw InvalidAnswer(key);
        }
        return plaintext;
    }

    private static JsonObject Call(OperationContext context, StoredKey key, string operation, JsonObject body)
    {
        var store = context.State.CustomKeyStores.Values.FirstOrDefault(s =>
            s.CustomKeyStoreId == key.CustomKeyStoreId && s.Account == key.Account && s.Region == key.Region);
        if (store is null || store.ConnectionState != CustomKeyStoreStates.Connected || key.XksKeyId is null)
        {
            throw KmsErrors.InvalidState($"{key.Arn} is unavailable: its custom key store {key.CustomKeyStoreId} is not connected.");
        }
        var answer = context.Xks.Call(XksProxyCall.To(store, KeyPath(key.XksKeyId, operation), body));
        if (answer.IsSuccess) return answer.Body!;
        if (operation == "decrypt" && answer.ErrorName == "InvalidCiphertextException") throw KmsErrors.InvalidCiphertext();
        throw KmsErrors.InvalidState($"The XKS proxy of custom key store {store.CustomKeyStoreId} failed to {operation} with external key {key.XksKeyId} of {key.Arn}: {Failure(answer)}.");
    }

    private static string Failure(XksProxyAnswer answer) => answer.Outcome switch
    {
        XksProxyOutcome.TimedOut => "it did not answer in time",
        XksProxyOutcome.Unreachable => "it is not reachable",
        _ when answer.StatusCode is 401 => "it refused the XksProxyAuthenticationCredential (AuthenticationFailedException)",
        _ when answer.ErrorName is { } name => $"it answered {name}",
        _ => $"it answered HTTP {answer.StatusCode} without an error the XKS proxy API specifies",
    };

    private static KmsErrorException InvalidAnswer(StoredKey key) =>
        KmsErrors.InvalidState($"The XKS proxy of custom key store {key.CustomKeyStoreId} did not answer as the XKS proxy API specifies.");

    private static string KeyPath(string xksKeyId, string operation) => $"keys/{xksKeyId}/{operation}";

    private static JsonObject RequestMetadata(OperationContext context, string? kmsKeyArn)
    {
        var metadata = new JsonObject { ["awsPrincipalArn"] = context.Caller.Principal.PrincipalArn };
        if (kmsKeyArn is not null) metadata["kmsKeyArn"] = kmsKeyArn;
        metadata["kmsOperation"] = context.OperationName;
        metadata["kmsRequestId"] = context.RequestId;
        return new JsonObject { ["requestMetadata"] = metadata };
    }

    private static string? Text(JsonObject body, string member) => (body[member] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;

    private static byte[] Base64(JsonObject body, string member, bool optional = false)
    {
        var text = Text(body, member);
        if (text is null && optional) return [];
        try { return Convert.FromBase64String(text ?? throw new FormatException()); }
        catch (FormatException) { throw KmsErrors.InvalidState($"The XKS proxy's answer has no valid {member}."); }
    }
}
