namespace KmsPowerShell.LocalKms.Protocol;

/// <summary>The errors the local KMS answers, worded as AWS words them. Messages never carry plaintext or key material.</summary>
internal static class KmsErrors
{
    public static KmsErrorException Validation(string message) => new("ValidationException", message);
    public static KmsErrorException Serialization(string message) => new("SerializationException", message);
    public static KmsErrorException UnknownOperation() => new("UnknownOperationException", null);

    public static KmsErrorException NotFound(string message) => new("NotFoundException", message);
    public static KmsErrorException KeyNotFound(string keyArn) => NotFound($"Key '{keyArn}' does not exist");
    public static KmsErrorException InvalidKeyId(string text) => NotFound($"Invalid keyId '{text}'");

    /// <summary>A key ARN of another region than the request's (AWS names the ARN's region).</summary>
    public static KmsErrorException InvalidArn(string arnRegion) => NotFound($"Invalid arn {arnRegion}");
    public static KmsErrorException AliasNotFound(string aliasArn) => NotFound($"Alias {aliasArn} is not found.");

    public static KmsErrorException Disabled(string keyArn) => new("DisabledException", $"{keyArn} is disabled.");
    public static KmsErrorException InvalidState(string message) => new("KMSInvalidStateException", message);
    public static KmsErrorException InvalidKeyUsage(string message) => new("InvalidKeyUsageException", message);
    public static KmsErrorException AlreadyExists(string message) => new("AlreadyExistsException", message);
    public static KmsErrorException InvalidAliasName(string message) => new("InvalidAliasNameException", message);
    public static KmsErrorException InvalidMarker() => new("InvalidMarkerException", "Invalid marker");
    public static KmsErrorException InvalidCiphertext() => new("InvalidCiphertextException", null);
    public static KmsErrorException IncorrectKey() =>
        new("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.");
    public static KmsErrorException IncompatibleAlgorithm(string algorithm, string keySpec) =>
        InvalidKeyUsage($"Algorithm {algorithm} is incompatible with key spec {keySpec}.");
    public static KmsErrorException KmsInvalidSignature() => new("KMSInvalidSignatureException", null);
    public static KmsErrorException KmsInvalidMac() => new("KMSInvalidMacException", null);
    public static KmsErrorException InvalidGrantToken() => new("InvalidGrantTokenException", "Invalid grant token");
    public static KmsErrorException InvalidGrantId(string grantId) => new("InvalidGrantIdException", $"Invalid grant id '{grantId}'");
    public static KmsErrorException MalformedPolicy(string message) => new("MalformedPolicyDocumentException", message);
    public static KmsErrorException Unsupported(string message) => new("UnsupportedOperationException", message);
    public static KmsErrorException LimitExceeded(string message) => new("LimitExceededException", message);
    public static KmsErrorException InvalidImportToken(string message) => new("InvalidImportTokenException", message);
    public static KmsErrorException ExpiredImportToken(string message) => new("ExpiredImportTokenException", message);
    public static KmsErrorException IncorrectKeyMaterial(string message) => new("IncorrectKeyMaterialException", message);
    public static KmsErrorException Tag(string message) => new("TagException", message);
    public static KmsErrorException DryRun() =>
        new("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.");

    public static KmsErrorException CustomKeyStoreNotFound(string message) => new("CustomKeyStoreNotFoundException", message);
    public static KmsErrorException CustomKeyStoreInvalidState(string message) => new("CustomKeyStoreInvalidStateException", message);
    public static KmsErrorException CustomKeyStoreHasKeys(string message) => new("CustomKeyStoreHasCMKsException", message);
    public static KmsErrorException CustomKeyStoreNameInUse(string message) => new("CustomKeyStoreNameInUseException", message);
    public static KmsErrorException CloudHsmClusterInUse(string message) => new("CloudHsmClusterInUseException", message);
    public static KmsErrorException XksProxyUriInUse(string message) => new("XksProxyUriInUseException", message);
    public static KmsErrorException XksProxyUriUnreachable(string message) => new("XksProxyUriUnreachableException", message);
    public static KmsErrorException XksProxyIncorrectAuthenticationCredential(string message) =>
        new("XksProxyIncorrectAuthenticationCredentialException", message);
    public static KmsErrorException XksProxyInvalidResponse(string message) => new("XksProxyInvalidResponseException", message);
    public static KmsErrorException XksKeyNotFound(string message) => new("XksKeyNotFoundException", message);
    public static KmsErrorException XksKeyInvalidConfiguration(string message) => new("XksKeyInvalidConfigurationException", message);
    public static KmsErrorException XksKeyAlreadyInUse(string message) => new("XksKeyAlreadyInUseException", message);
    public static KmsErrorException DependencyTimeout(string message) => new("DependencyTimeoutException", message, 503);

    public static KmsErrorException AccessDenied(string message) => new("AccessDeniedException", message);

    public static KmsErrorException AccessDenied(string principalArn, string action, string resource, string policyKind = "resource-based") =>
        new("AccessDeniedException",
            $"User: {principalArn} is not authorized to perform: kms:{action} on resource: {resource} " +
            $"because no {policyKind} policy allows the kms:{action} action");

    /// <summary>
    /// Decrypt and ReEncrypt of a ciphertext whose key is not there (deleted, or of another region): AWS's own text,
    /// which says no more than that, so the answer does not tell whether the key ever existed.
    /// </summary>
    public static KmsErrorException CiphertextKeyUnreachable() =>
        new("AccessDeniedException",
            "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.");

    public static KmsErrorException Throttling() => new("ThrottlingException", "Rate exceeded");
    public static KmsErrorException Internal() =>
        new("KMSInternalException", "The request was rejected because an internal exception occurred. The request can be retried.", 500);

    /// <summary>
    /// The local KMS's own answer when a change could not be saved (a full disk): 507 and a code no AWS SDK retries
    /// (they retry 500, 502, 503, 504 and throttling codes), as repeating the call at once would fail the same way.
    /// </summary>
    public static KmsErrorException StateNotSaved(string message) => new("LocalStateNotSavedException", message, 507);

    public static KmsErrorException MissingAuthenticationToken() => new("MissingAuthenticationTokenException", "Missing Authentication Token");
    public static KmsErrorException IncompleteSignature(string message) => new("IncompleteSignatureException", message);
    public static KmsErrorException UnrecognizedClient() =>
        new("UnrecognizedClientException", "The security token included in the request is invalid.");
    public static KmsErrorException ExpiredToken() => new("ExpiredTokenException", "The security token included in the request is expired");
    public static KmsErrorException InvalidSignature(string message) => new("InvalidSignatureException", message);
    public static KmsErrorException SignatureMismatch() => InvalidSignature(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key " +
        "and signing method. Consult the service documentation for details.");
}
