using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// The one table that turns KMS error codes into stable ErrorIds, categories and advice on what to do.
/// The ErrorId is the problem; PowerShell adds the cmdlet to it in FullyQualifiedErrorId.
/// </summary>
internal static class KmsErrorMap
{
    private sealed record Entry(string ErrorId, ErrorCategory Category, string Advice);

    private static readonly Dictionary<string, Entry> ByCode = new(StringComparer.Ordinal)
    {
        ["NotFoundException"] = new("KeyNotFound", ErrorCategory.ObjectNotFound, "Check the key id, ARN or alias name, and the region (-Region)."),
        ["AliasNotFound"] = new("AliasNotFound", ErrorCategory.ObjectNotFound, "Check the alias name (Get-KmsAlias lists them) and the region (-Region)."),
        ["DisabledException"] = new("KeyDisabled", ErrorCategory.InvalidOperation, "Enable the key with Enable-KmsKey, or use another key."),
        ["KMSInvalidStateException"] = new("KeyStateInvalid", ErrorCategory.InvalidOperation, "Check the key's State with Get-KmsKey; a key pending deletion can be restored with Undo-KmsKeyRemoval."),
        ["InvalidKeyUsageException"] = new("KeyUsageInvalid", ErrorCategory.InvalidOperation, "The key's KeyUsage or KeySpec does not allow this operation."),
        ["InvalidArnException"] = new("ArnInvalid", ErrorCategory.InvalidArgument, "Check the ARN: arn:aws:kms:<region>:<account>:key/<key id>."),
        ["AccessDeniedException"] = new("AccessDenied", ErrorCategory.PermissionDenied, "The caller lacks permission: check the key policy, IAM policy and grants."),
        ["UnrecognizedClientException"] = new("CredentialsRejected", ErrorCategory.AuthenticationError, "The access key is not known to AWS: check the credentials (Get-KmsSession shows where they came from)."),
        ["InvalidSignatureException"] = new("CredentialsRejected", ErrorCategory.AuthenticationError, "The request signature did not match: check the secret key."),
        ["IncompleteSignatureException"] = new("CredentialsRejected", ErrorCategory.AuthenticationError, "The request signature was incomplete: check the credentials."),
        ["ExpiredTokenException"] = new("CredentialsExpired", ErrorCategory.AuthenticationError, "The session token has expired: refresh the credentials (aws sso login, or a new role session)."),
        ["CredentialsUnavailable"] = new("CredentialsUnavailable", ErrorCategory.AuthenticationError, "Check the profile: for SSO run 'aws sso login'; for a role, check its source credentials and that it can be assumed; for credential_process, run the command yourself."),
        ["ThrottlingException"] = new("Throttled", ErrorCategory.LimitsExceeded, "KMS throttled the calls even after retries: lower the rate, or raise -MaxAttempts or use -RetryMode Adaptive in Connect-Kms."),
        ["LimitExceededException"] = new("LimitExceeded", ErrorCategory.LimitsExceeded, "An account quota was reached."),
        ["KMSInternalException"] = new("ServiceError", ErrorCategory.ResourceUnavailable, "KMS had an internal error: try again."),
        ["DependencyTimeoutException"] = new("ServiceError", ErrorCategory.ResourceUnavailable, "KMS timed out: try again."),
        ["AlreadyExistsException"] = new("AlreadyExists", ErrorCategory.ResourceExists, "Choose another name, or change the existing one (Set-KmsAlias points an alias at another key)."),
        ["InvalidAliasNameException"] = new("AliasNameInvalid", ErrorCategory.InvalidArgument, "Alias names are alias/ followed by letters, digits, '/', '_' or '-', and not under alias/aws/."),
        ["MalformedPolicyDocumentException"] = new("PolicyInvalid", ErrorCategory.InvalidArgument, "Check the policy's principals and actions; KMS refuses a policy that would lock out the caller unless -BypassPolicyLockoutSafetyCheck."),
        ["TagException"] = new("TagInvalid", ErrorCategory.InvalidArgument, "Tag keys are 1 to 128 characters and not aws:...; values up to 256 characters."),
        ["UnsupportedOperationException"] = new("UnsupportedOperation", ErrorCategory.NotImplemented, "This key's type or origin does not support the operation (for example on-demand rotation of an asymmetric key)."),
        ["InvalidMarkerException"] = new("MarkerInvalid", ErrorCategory.InvalidArgument, "A paging marker was not accepted: run the command again."),
        ["KMSInvalidMacException"] = new("MacInvalid", ErrorCategory.InvalidData, "The MAC does not match the message and key."),
        ["KMSInvalidSignatureException"] = new("SignatureInvalid", ErrorCategory.InvalidData, "The signature does not match the message and key."),
        ["InvalidCiphertextException"] = new("CiphertextInvalid", ErrorCategory.InvalidData, "Give the -EncryptionContext used to encrypt; a ciphertext of an asymmetric key also needs -KeyId and -EncryptionAlgorithm."),
        ["IncorrectKeyException"] = new("KeyIncorrect", ErrorCategory.InvalidArgument, "The ciphertext was not encrypted under the key given: omit -KeyId or give the right key."),
        ["InvalidGrantTokenException"] = new("GrantTokenInvalid", ErrorCategory.InvalidArgument, "The grant token is malformed or expired."),
        ["InvalidGrantIdException"] = new("GrantIdInvalid", ErrorCategory.InvalidArgument, "Check the grant id with Get-KmsGrant."),
        ["DryRunOperationException"] = new("DryRunSucceeded", ErrorCategory.NotSpecified, "The dry run says the operation would succeed."),
        ["CustomKeyStoreNotFoundException"] = new("CustomKeyStoreNotFound", ErrorCategory.ObjectNotFound, "Check the custom key store id or name (Get-KmsCustomKeyStore lists them) and the region (-Region)."),
        ["CustomKeyStoreInvalidStateException"] = new("CustomKeyStoreStateInvalid", ErrorCategory.InvalidOperation, "Check the store's ConnectionState with Get-KmsCustomKeyStore: deleting and most changes need it DISCONNECTED (Disconnect-KmsCustomKeyStore), and a FAILED store must be disconnected before it connects again."),
        ["CustomKeyStoreNameInUseException"] = new("CustomKeyStoreNameInUse", ErrorCategory.ResourceExists, "Choose a name no other custom key store of the account uses in the region."),
        ["CustomKeyStoreHasCMKsException"] = new("CustomKeyStoreHasKeys", ErrorCategory.InvalidOperation, "Schedule the deletion of the store's keys (Remove-KmsKey) and wait until they are deleted, then delete the store."),
        ["CloudHsmClusterInUseException"] = new("CloudHsmClusterInUse", ErrorCategory.ResourceExists, "Another custom key store uses this CloudHSM cluster: give another cluster."),
        ["XksProxyUriInUseException"] = new("XksProxyUriInUse", ErrorCategory.ResourceExists, "Another external key store uses this proxy URI endpoint and path: give another path."),
        ["XksProxyUriUnreachableException"] = new("XksProxyUnreachable", ErrorCategory.ConnectionError, "KMS could not reach the proxy: check -XksProxyUriEndpoint and -XksProxyUriPath, and that the proxy runs (the local KMS reaches only proxies on loopback)."),
        ["XksProxyIncorrectAuthenticationCredentialException"] = new("XksProxyCredentialRejected", ErrorCategory.AuthenticationError, "The proxy refused the signature: check -XksProxyAuthenticationCredential against the proxy's configuration."),
        ["XksProxyInvalidResponseException"] = new("XksProxyResponseInvalid", ErrorCategory.ProtocolError, "The proxy did not answer as the XKS proxy API specifies: check the proxy and its -XksProxyUriPath."),
        ["XksKeyNotFoundException"] = new("XksKeyNotFound", ErrorCategory.ObjectNotFound, "The external key store's proxy has no key with this -XksKeyId: give the id the proxy knows the external key by."),
        ["XksKeyInvalidConfigurationException"] = new("XksKeyConfigurationInvalid", ErrorCategory.InvalidData, "The external key must be an enabled 256-bit AES key for encryption and decryption: check it in the external key manager."),
        ["XksKeyAlreadyInUseException"] = new("XksKeyInUse", ErrorCategory.ResourceExists, "Another KMS key of this external key store uses this external key: give another -XksKeyId."),
        ["ExpiredImportTokenException"] = new("ImportTokenExpired", ErrorCategory.InvalidOperation, "The import token and its public key expired (24 hours after Get-KmsImportParameter): get new ones and wrap the material again, or run Import-KmsKeyMaterial with the plaintext material."),
        ["InvalidImportTokenException"] = new("ImportTokenInvalid", ErrorCategory.InvalidArgument, "Give the import token of the same Get-KmsImportParameter call as the public key that wrapped the material, for the same key."),
        ["IncorrectKeyMaterialException"] = new("KeyMaterialIncorrect", ErrorCategory.InvalidData, "Import the material the key had before (a key takes back only its own material unless -ImportType NEW_KEY_MATERIAL), or check -KeyMaterialId."),
        ["ValidationException"] = new("RequestInvalid", ErrorCategory.InvalidArgument, "KMS refused a parameter value."),
        ["ServiceError"] = new("ServiceError", ErrorCategory.ResourceUnavailable, "The endpoint failed to answer the call: try again, and check the endpoint (Get-KmsSession)."),
        ["EndpointUnreachable"] = new("EndpointUnreachable", ErrorCategory.ConnectionError, "Check the network, the region and the endpoint URL (Get-KmsSession)."),
        ["EndpointRedirected"] = new("EndpointRedirected", ErrorCategory.ProtocolError, "KMS never redirects: check the endpoint URL (Get-KmsSession), and any proxy or load balancer in front of it."),
        ["RequestTimeout"] = new("RequestTimeout", ErrorCategory.OperationTimeout, "Raise the session's -Timeout in Connect-Kms, or check the network."),
        // Sessions and the local KMS (KmsConfigurationException problems).
        ["NoKmsSession"] = new("NoKmsSession", ErrorCategory.InvalidOperation, SessionStore.NoSessionRemedy),
        ["AutoConnectPreferenceInvalid"] = new("AutoConnectPreferenceInvalid", ErrorCategory.InvalidArgument, "Set $KmsAutoConnectPreference to 'None' (no automatic session) or 'Chain' (the default), or remove it."),
        ["LocalStateUnavailable"] = new("LocalStateUnavailable", ErrorCategory.ResourceUnavailable, "If another process holds the file, run Disconnect-Kms and Stop-KmsLocalServer there (or end it), or use another state file; a file that is not valid state must be restored or removed."),
        ["LocalKmsNotCurrent"] = new("LocalKmsNotCurrent", ErrorCategory.InvalidOperation, "Run Connect-Kms -Local (with -LocalStatePath for a state file) first, or name the local KMS with -LocalStatePath."),
        ["LocalStateNotSavedException"] = new("LocalStateNotSaved", ErrorCategory.WriteError, "The change was not made: free space on the state file's disk (or fix its permissions), then run the command again."),
        ["LocalKmsNotOpen"] = new("LocalKmsNotOpen", ErrorCategory.ObjectNotFound, "Open that state first with Connect-Kms -Local -LocalStatePath or Start-KmsLocalServer -LocalStatePath."),
        ["RoleNotAssumed"] = new("RoleNotAssumed", ErrorCategory.PermissionDenied, "Check the role ARN, that its trust policy lets the session's principal assume it, and -ExternalId if it requires one."),
    };

    public static ErrorRecord ToErrorRecord(Exception exception, object? target)
    {
        var (errorId, category, advice) = Describe(exception);
        var record = new ErrorRecord(exception, errorId, category, target);
        // PowerShell shows RecommendedAction under the message ("Recommendation: ..."), so the advice is said once.
        if (advice.Length > 0) record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = advice };
        return record;
    }

    private static ErrorCategory MessageCategory(string problem) => problem switch
    {
        "NoDecryptableKey" => ErrorCategory.PermissionDenied,
        "TooManyEncryptedDataKeys" or "CommitmentPolicyViolation" or "EncryptionContextMismatch" => ErrorCategory.SecurityError,
        _ => ErrorCategory.InvalidData,
    };

    private static string MessageAdvice(string problem) => problem switch
    {
        "NoDecryptableKey" => "Give a -KeyId that the message was encrypted under, or use -Discovery; check the key's state and your rights (grants).",
        "CommitmentPolicyViolation" => "The message uses a suite without key commitment: -CommitmentPolicy RequireEncryptAllowDecrypt reads it, if you trust its source.",
        "EncryptionContextMismatch" => "The message's encryption context lacks a pair given with -EncryptionContext.",
        "TooManyEncryptedDataKeys" => $"The message holds more encrypted data keys than -MaxEncryptedDataKeys allows ({Engine.Messages.KmsDecryptOptions.DefaultMaxEncryptedDataKeys} unless given). If you trust its source, raise the limit with -MaxEncryptedDataKeys: each key the message names may cost a KMS call.",
        _ => "The message is damaged or was changed: nothing was written.",
    };

    private static (string ErrorId, ErrorCategory Category, string Advice) Describe(Exception exception) => exception switch
    {
        KmsServiceException service when ByCode.TryGetValue(service.ErrorCode, out var entry) => (entry.ErrorId, entry.Category, entry.Advice),
        KmsServiceException service => (service.ErrorCode.Replace("Exception", ""), ErrorCategory.NotSpecified, ""),
        KmsConfigurationException configuration when ByCode.TryGetValue(configuration.Problem, out var entry) => (entry.ErrorId, entry.Category, entry.Advice),
        KmsConfigurationException configuration => (configuration.Problem, ErrorCategory.InvalidArgument, ""),
        KmsMessageException message => (message.Problem, MessageCategory(message.Problem), MessageAdvice(message.Problem)),
        FileNotFoundException => ("FileNotFound", ErrorCategory.ObjectNotFound, ""),
        DirectoryNotFoundException => ("DirectoryNotFound", ErrorCategory.ObjectNotFound, "Create the folder first, or choose another -OutFile."),
        UnauthorizedAccessException => ("FileAccessDenied", ErrorCategory.PermissionDenied, "Check the permissions of the file and its folder."),
        IOException => ("FileError", ErrorCategory.WriteError, ""),
        KmsArgumentException { Problem: "DestinationExists" or "OutFileExists" } exists => (exists.Problem, ErrorCategory.ResourceExists,
            "Add -Force to replace the file, or name another output."),
        KmsArgumentException { Problem: "LocalPrincipalExists" } exists => (exists.Problem, ErrorCategory.ResourceExists,
            "Add -Force to replace that principal, or choose another ARN and access key."),
        KmsArgumentException { Problem: "LocalPrincipalNotFound" } missing => (missing.Problem, ErrorCategory.ObjectNotFound,
            "Get-KmsLocalPrincipal lists the principals of the local KMS."),
        KmsArgumentException { Problem: "LocalPrincipalBuiltIn" } builtIn => (builtIn.Problem, ErrorCategory.InvalidOperation, ""),
        KmsArgumentException { Problem: "NoAutomaticFix" } manual => (manual.Problem, ErrorCategory.NotImplemented,
            "Fix it by hand as the finding's Remediation and Evidence say, or filter such findings out (Where-Object Fix)."),
        KmsArgumentException { Problem: "CheckNotFound" } unknown => (unknown.Problem, ErrorCategory.ObjectNotFound, "Press Tab after -Check to list the check ids."),
        KmsArgumentException argument => (argument.Problem, ErrorCategory.InvalidArgument, ""),
        ObjectDisposedException => ("SessionClosed", ErrorCategory.InvalidOperation, ""),
        _ => ("UnexpectedError", ErrorCategory.NotSpecified, ""),
    };
}
