using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Auth;

/// <summary>Checks a request's SigV4 signature and says who signed it and for which region.</summary>
internal sealed class SigV4Verifier
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);
    private readonly PrincipalDirectory _principals;
    private readonly TimeProvider _clock;
    private readonly TimeProvider _sessionClock;

    /// <param name="principals">Who may sign.</param>
    /// <param name="clock">The clock the signature's date is checked against.</param>
    /// <param name="sessionClock">The clock temporary credentials expire on (the local KMS's).</param>
    public SigV4Verifier(PrincipalDirectory principals, TimeProvider clock, TimeProvider sessionClock)
    {
        _principals = principals;
        _clock = clock;
        _sessionClock = sessionClock;
    }

    /// <summary>The caller, when the request is signed for <paramref name="service"/> (kms, sts) by a principal known here.</summary>
    public Caller Verify(LocalKmsRequest request, string service)
    {
        if (!request.Headers.TryGetValue("Authorization", out var header)) throw KmsErrors.MissingAuthenticationToken();
        var authorization = SigV4Authorization.Parse(header);
        RequireSigned(request, authorization.SignedHeaders);
        var principal = Signer(request, authorization.AccessKeyId);
        if (authorization.Service != service) throw KmsErrors.InvalidSignature($"Credential should be scoped to correct service: '{service}'. ");
        if (!KmsPatterns.Region().IsMatch(authorization.Region)) throw KmsErrors.InvalidSignature("Credential should be scoped to a valid region. ");

        var amzDate = RequestDate(request);
        CheckSkew(amzDate);
        if (!amzDate.StartsWith(authorization.Date, StringComparison.Ordinal))
        {
            throw KmsErrors.InvalidSignature($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{authorization.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var payloadHash = SigV4CanonicalRequest.Hash(request.Body);
        if (request.Headers.TryGetValue("X-Amz-Content-SHA256", out var claimed) && !string.Equals(claimed, payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            throw KmsErrors.SignatureMismatch();
        }
        var canonical = SigV4CanonicalRequest.Build(request, authorization.SignedHeaders, payloadHash);
        var expected = SigV4Scope.Sign(principal.SecretAccessKey, new SigV4Scope(authorization.Date, authorization.Region, authorization.Service), amzDate, canonical);
        if (!TryHex(authorization.Signature, out var given) || !CryptographicOperations.FixedTimeEquals(expected, given))
        {
            throw KmsErrors.SignatureMismatch();
        }
        return new Caller(principal.InPartitionOf(authorization.Region), authorization.Region);
    }

    /// <summary>A principal by its access key; temporary credentials count only with their session token, until they expire.</summary>
    private LocalKmsPrincipal Signer(LocalKmsRequest request, string accessKeyId)
    {
        if (_principals.Find(accessKeyId) is { } principal) return principal;
        var session = _principals.FindSession(accessKeyId) ?? throw KmsErrors.UnrecognizedClient();
        request.Headers.TryGetValue("X-Amz-Security-Token", out var token);
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(session.SessionToken)))
        {
            throw KmsErrors.UnrecognizedClient();
        }
        if (session.Expiration <= _sessionClock.GetUtcNow()) throw KmsErrors.ExpiredToken();
        // The role may have been removed, or its access key given to another principal, since.
        var role = _principals.Find(session.RoleAccessKeyId);
        if (role is null || !IsSessionOf(session.Principal, role)) throw KmsErrors.UnrecognizedClient();
        return session.Principal with { IdentityPolicies = role.IdentityPolicies, Tags = role.Tags, IsAccountAdministrator = role.IsAccountAdministrator };
    }

    private static bool IsSessionOf(LocalKmsPrincipal session, LocalKmsPrincipal role) =>
        PrincipalIdentity.Of(role.PrincipalArn) is { Type: "Role" } named && PrincipalIdentity.Of(session.PrincipalArn) is var of &&
        named.Account == of.Account && named.Name == of.Name;

    /// <summary>
    /// What AWS requires a signature to cover: the Host header, and every x-amz-* header the request carries (the
    /// operation in X-Amz-Target, the date, a session token), so one signature cannot be replayed for another call.
    /// </summary>
    private static void RequireSigned(LocalKmsRequest request, IReadOnlyList<string> signedHeaders)
    {
        var signed = new HashSet<string>(signedHeaders, StringComparer.OrdinalIgnoreCase);
        if (!signed.Contains("host")) throw KmsErrors.IncompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        var unsigned = request.Headers.Keys.FirstOrDefault(name => name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase) && !signed.Contains(name));
        if (unsigned is not null) throw KmsErrors.IncompleteSignature($"'{unsigned}' must be a 'SignedHeader' in the AWS Authorization.");
    }

    private static string RequestDate(LocalKmsRequest request)
    {
        if (request.Headers.TryGetValue("X-Amz-Date", out var amzDate)) return amzDate.Trim();
        if (request.Headers.TryGetValue("Date", out var date) && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }
        throw KmsErrors.IncompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    private void CheckSkew(string amzDate)
    {
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw KmsErrors.IncompleteSignature($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'.");
        }
        var now = _clock.GetUtcNow();
        if (signedAt < now - AllowedSkew)
        {
            throw KmsErrors.InvalidSignature($"Signature expired: {amzDate} is now earlier than {Format(now - AllowedSkew)} ({Format(now)} - 15 min.)");
        }
        if (signedAt > now + AllowedSkew)
        {
            throw KmsErrors.InvalidSignature($"Signature not yet current: {amzDate} is still later than {Format(now + AllowedSkew)} ({Format(now)} + 15 min.)");
        }
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length != 64) return false;
        try { bytes = Convert.FromHexString(text); return true; }
        catch (FormatException) { return false; }
    }
}
