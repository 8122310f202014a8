namespace KmsPowerShell.LocalKms.Auth;

/// <summary>Who signed a request, and the region of its credential scope: the region the request acts in.</summary>
internal sealed record Caller(LocalKmsPrincipal Principal, string Region)
{
    public string Account => Principal.Account;
}
