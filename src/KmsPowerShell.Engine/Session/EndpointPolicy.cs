using System.Net;

namespace KmsPowerShell.Engine.Session;

/// <summary>Signed requests must not cross a network in clear text: http is only for loopback addresses.</summary>
public static class EndpointPolicy
{
    public static Uri Check(string endpointUrl, string source, bool allowInsecure, Action<string> warn)
    {
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new KmsConfigurationException("EndpointInvalid",
                $"The endpoint URL '{endpointUrl}' (from {source}) is not an absolute http or https URL, such as https://kms.us-east-1.amazonaws.com.");
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            if (!allowInsecure)
            {
                throw new KmsConfigurationException("EndpointInsecure",
                    $"The endpoint URL '{endpointUrl}' (from {source}) uses http to a host that is not on this machine: signed requests would travel in clear text. " +
                    "Use https, or pass -AllowInsecureEndpoint if you accept the risk.");
            }
            warn($"Requests to {uri.Host} travel in clear text over http (-AllowInsecureEndpoint).");
        }
        return uri;
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
