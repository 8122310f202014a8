using System.Text.Json;

namespace KmsPowerShell.LocalKms.Auth;

/// <summary>Refuses an identity policy that is no IAM policy, before a principal gets it.</summary>
public static class IdentityPolicyCheck
{
    public static void Require(IEnumerable<string> policies)
    {
        var index = 0;
        foreach (var policy in policies)
        {
            index++;
            if (Fault(policy) is { } fault) throw new KmsArgumentException("PolicyInvalid", $"Identity policy {index} is not a valid IAM policy: {fault}");
        }
    }

    private static string? Fault(string policy)
    {
        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return "it is not a JSON object.";
            if (!document.RootElement.TryGetProperty("Statement", out var statement) || statement.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
            {
                return "it has no Statement.";
            }
        }
        catch (JsonException e)
        {
            return $"it is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).";
        }
        return null;
    }
}
