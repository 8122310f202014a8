using System.Text.Json;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Checks a key policy locally, so a typo is reported with its line before KMS is asked.</summary>
public static class PolicyDocument
{
    public static string Require(string policy)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(policy);
        }
        catch (JsonException e)
        {
            throw new KmsArgumentException("PolicyInvalid",
                $"The key policy is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new KmsArgumentException("PolicyInvalid", "A key policy is a JSON object with a Statement list.");
            }
            if (!document.RootElement.TryGetProperty("Statement", out var statement) ||
                statement.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
            {
                throw new KmsArgumentException("PolicyInvalid", "The key policy has no Statement: a key policy needs at least one statement.");
            }
        }
        if (policy.Length > 32768)
        {
            throw new KmsArgumentException("PolicyInvalid", $"The key policy is {policy.Length} characters; KMS allows 32768.");
        }
        return policy;
    }
}
