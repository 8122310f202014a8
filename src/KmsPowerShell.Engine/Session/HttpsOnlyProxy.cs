using System.Net;

namespace KmsPowerShell.Engine.Session;

/// <summary>
/// A proxy for https:// requests only: an http:// request (a loopback endpoint, or one allowed with
/// -AllowInsecureEndpoint) goes straight to its host, whatever HTTP_PROXY or ALL_PROXY say.
/// </summary>
internal sealed class HttpsOnlyProxy(IWebProxy inner) : IWebProxy
{
    public ICredentials? Credentials
    {
        get => inner.Credentials;
        set => inner.Credentials = value;
    }

    public Uri? GetProxy(Uri destination) => IsHttps(destination) ? inner.GetProxy(destination) : null;

    public bool IsBypassed(Uri host) => !IsHttps(host) || inner.IsBypassed(host);

    private static bool IsHttps(Uri uri) => uri.Scheme == Uri.UriSchemeHttps;
}
