using KmsPowerShell.Engine.Session;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell;

/// <summary>
/// What a session's local KMS knows of a principal: its identity policies and tags, which decide as they would there.
/// On AWS (or for a principal the local KMS does not know) nothing is known, and the key policy decides alone.
/// </summary>
internal static class LocalPrincipalFacts
{
    /// <summary>The principal the session signs as, when the local KMS knows it.</summary>
    public static LocalKmsPrincipal? Caller(KmsSession session) =>
        LocalSessionCaller.AccessKeyId(session) is { } accessKey ? Known(session).FirstOrDefault(p => p.AccessKeyId == accessKey) : null;

    /// <summary>The principal as the session's local KMS knows it; null on AWS or for a principal it does not know.</summary>
    public static LocalKmsPrincipal? Find(KmsSession? session, string principalArn) =>
        Known(session).FirstOrDefault(p => p.PrincipalArn == principalArn);

    /// <summary>The principals the session's local KMS knows (in process or served by this process); none on AWS or with no session.</summary>
    public static IEnumerable<LocalKmsPrincipal> Known(KmsSession? session) => LocalKmsOf(session)?.Service.Principals ?? [];

    /// <summary>The subject as the local KMS judges it: its identity policies (AdministratorAccess for an administrator) and tags.</summary>
    public static AccessSubject Subject(LocalKmsPrincipal principal) =>
        new(principal.PrincipalArn, principal.EffectiveIdentityPolicies.Select(p => PolicyAccessInputs.ParseIdentity(p)).ToList(), principal.Tags);

    private static LocalKmsInstance? LocalKmsOf(KmsSession? session) =>
        session is null ? null :
        session.IsLocal ? LocalKmsRegistry.Find(session.LocalStatePath) :
        Uri.TryCreate(session.EndpointUrl, UriKind.Absolute, out var endpoint) && endpoint.IsLoopback ? LocalKmsRegistry.ServedOn(endpoint.Port) :
        null;
}
