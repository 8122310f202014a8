using System.Text.Json;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>Key policies: the default one CreateKey writes, and the JSON check PutKeyPolicy makes. Stored, not evaluated.</summary>
internal static class KeyPolicies
{
    public const string DefaultName = "default";

    /// <summary>The Policy member's length constraint in the API model (with <see cref="KmsPatterns.Policy"/>); a longer value is a ValidationException.</summary>
    public const int MaxRequestLength = 131072;

    /// <summary>AWS's key policy size quota (32 KB), checked after the request's shape.</summary>
    public const int MaxSize = 32768;

    public static string Default(string account) =>
        "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n" +
        "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n" +
        $"    \"Principal\" : {{\n      \"AWS\" : \"arn:aws:iam::{account}:root\"\n    }},\n" +
        "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}";

    /// <summary>A policy must be a JSON object with a Statement of objects that each have Effect and Action.</summary>
    public static void Validate(string policy)
    {
        // The API reference: a policy over the length constraint is a LimitExceededException.
        if (policy.Length > MaxSize)
        {
            throw KmsErrors.LimitExceeded($"The key policy is {policy.Length} characters; the key policy size quota is {MaxSize}.");
        }
        try
        {
            using var document = JsonDocument.Parse(policy);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out var statement))
            {
                throw KmsErrors.MalformedPolicy("Policy is missing required element - Statement.");
            }
            var statements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
            if (statements.Count == 0 || statements.Any(s => s.ValueKind != JsonValueKind.Object || !s.TryGetProperty("Effect", out _)))
            {
                throw KmsErrors.MalformedPolicy("Policy contains a statement with no Effect.");
            }
        }
        catch (JsonException)
        {
            throw KmsErrors.MalformedPolicy("Policy contains invalid JSON.");
        }
    }
}
