namespace KmsPowerShell.LocalKms.Auth;

/// <summary>
/// Temporary credentials STS AssumeRole issued: they sign as <see cref="Principal"/> (the role's session) only with
/// their session token, only until <see cref="Expiration"/> on the local KMS's clock, and only while the role (the
/// principal of <see cref="RoleAccessKeyId"/>) exists, with its policies and tags of the moment, as IAM applies them.
/// </summary>
internal sealed record SessionCredential(LocalKmsPrincipal Principal, string SessionToken, DateTimeOffset Expiration, string RoleAccessKeyId);
