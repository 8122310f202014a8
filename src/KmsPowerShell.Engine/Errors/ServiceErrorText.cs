namespace KmsPowerShell.Engine.Errors;

/// <summary>
/// What a KMS error means, for errors KMS answers without a message of its own. The SDK then makes one of its own
/// ("The service returned an error with Error Code X and HTTP Body: ..."), which says nothing a user can act on.
/// </summary>
internal static class ServiceErrorText
{
    private const string SdkWrapper = "The service returned an error with Error Code";

    private static readonly Dictionary<string, string> Meaning = new(StringComparer.Ordinal)
    {
        ["InvalidCiphertextException"] = "KMS could not decrypt: the ciphertext is damaged, was encrypted under another key, or with a different encryption context.",
        ["IncorrectKeyException"] = "KMS could not decrypt: the ciphertext was not encrypted under the key given.",
        ["KMSInvalidSignatureException"] = "The signature does not match the message and key.",
        ["KMSInvalidMacException"] = "The MAC does not match the message and key.",
        ["NotFoundException"] = "KMS has no such key or alias in this region.",
        ["DisabledException"] = "The key is disabled.",
        ["KMSInvalidStateException"] = "The key's state does not allow this operation.",
        ["InvalidKeyUsageException"] = "The key's usage or key spec does not allow this operation.",
        ["InvalidArnException"] = "KMS refused the ARN: it is malformed.",
        ["AccessDeniedException"] = "KMS refused the call: the caller is not allowed to do this with this key.",
        ["InvalidGrantTokenException"] = "KMS refused a grant token: it is malformed or expired.",
        ["InvalidGrantIdException"] = "KMS knows no such grant for this key.",
        ["AlreadyExistsException"] = "It already exists.",
        ["LimitExceededException"] = "An account quota was reached.",
        ["ThrottlingException"] = "KMS throttled the call: too many requests.",
        ["KMSInternalException"] = "KMS had an internal error.",
        ["DependencyTimeoutException"] = "KMS timed out.",
        ["UnsupportedOperationException"] = "This key does not support the operation.",
        ["ValidationException"] = "KMS refused a parameter value.",
    };

    /// <summary>The SDK's message, or the meaning of <paramref name="errorCode"/> when the SDK's is its own wrapper.</summary>
    public static string For(string errorCode, string? sdkMessage)
    {
        if (!string.IsNullOrWhiteSpace(sdkMessage) && !sdkMessage.StartsWith(SdkWrapper, StringComparison.Ordinal)) return sdkMessage;
        return Meaning.TryGetValue(errorCode, out var meaning) ? meaning : $"KMS refused the call with {errorCode}, and said no more.";
    }
}
