namespace KmsPowerShell.LocalKms.Auth;

/// <summary>
/// Temporary credentials STS AssumeRole issued: they sign as <see cref="Principal"/> (the role's session) only with
/// their session token, and only until <see cref="Expiration"/> on the local KMS's clock.
/// </summary>
internal sealed record SessionCredential(LocalKmsPrincipal Principal, string SessionToken, DateTimeOffset Expiration);
