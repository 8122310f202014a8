using System.Text.Json;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>The XKS proxy API's GetHealthStatus (POST {UriPath}/health), as KMS asks it when a store is created, connected or updated.</summary>
internal static class XksProxyHealth
{
    /// <summary>The ConnectionErrorCode the proxy's answer gives, or null when it says the store can connect.</summary>
    public static string? Check(OperationContext context, StoredCustomKeyStore store, string kmsOperation)
    {
        var body = new JsonObject
        {
            ["requestMetadata"] = new JsonObject { ["kmsRequestId"] = context.RequestId, ["kmsOperation"] = kmsOperation },
        };
        var answer = context.Xks.Call(XksProxyCall.To(store, "health", body));
        switch (answer.Outcome)
        {
            case XksProxyOutcome.TimedOut: return "XKS_PROXY_TIMED_OUT";
            case XksProxyOutcome.Unreachable: return "XKS_PROXY_NOT_REACHABLE";
        }
        if (answer.StatusCode is 401 or 403) return "XKS_PROXY_ACCESS_DENIED";
        if (!answer.IsSuccess) return "XKS_PROXY_INVALID_RESPONSE";
        return HealthyFleet(answer.Body) switch
        {
            null => "XKS_PROXY_INVALID_RESPONSE",
            false => "XKS_PROXY_NOT_REACHABLE",
            true => null,
        };
    }

    /// <summary>Whether an external key manager is ACTIVE or DEGRADED (false: all UNAVAILABLE); null for an answer not of the spec.</summary>
    private static bool? HealthyFleet(JsonNode? answer)
    {
        if (answer?["ekmFleetDetails"] is not JsonArray fleet || fleet.Count == 0) return null;
        var states = fleet.Select(e => (e?["healthStatus"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? e!["healthStatus"]!.GetValue<string>() : null).ToList();
        if (states.Any(s => s is not ("ACTIVE" or "DEGRADED" or "UNAVAILABLE"))) return null;
        return states.Any(s => s != "UNAVAILABLE");
    }
}
