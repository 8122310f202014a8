using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// One request to an external key store's XKS proxy: where it goes (the store's endpoint and URI path, then
/// <see cref="Operation"/>, such as "health" or "keys/{id}/encrypt"), with which credential, and its JSON body.
/// Equal calls are the same request, which lets an operation that had to wait for the answer (see
/// <see cref="XksProxyCalls"/>) find it when it runs again.
/// </summary>
internal sealed record XksProxyCall(string Endpoint, string UriPath, string Region, string AccessKeyId, string SecretAccessKey, string Operation, string Body)
{
    public static XksProxyCall To(StoredCustomKeyStore store, string operation, JsonObject body) =>
        new(store.XksProxyUriEndpoint ?? "", store.XksProxyUriPath ?? "", store.Region, store.XksProxyAccessKeyId ?? "",
            store.XksProxySecretAccessKey ?? "", operation, body.ToJsonString());

    public Uri Uri => new(Endpoint.TrimEnd('/') + UriPath + "/" + Operation);

    /// <summary>The secret stays out of logs and error texts.</summary>
    public override string ToString() => $"POST {Uri}";
}

/// <summary>How a call to the proxy ended: an HTTP answer with its JSON body, or no answer at all.</summary>
internal sealed record XksProxyAnswer(XksProxyOutcome Outcome, int StatusCode, JsonObject? Body)
{
    public bool IsSuccess => Outcome == XksProxyOutcome.Answered && StatusCode == 200 && Body is not null;

    /// <summary>The spec's errorName of an error answer (such as KeyNotFoundException), if it gave one.</summary>
    public string? ErrorName => (Body?["errorName"] as JsonValue)?.TryGetValue<string>(out var name) == true ? name : null;
}

internal enum XksProxyOutcome
{
    Answered,
    TimedOut,
    Unreachable,
}
