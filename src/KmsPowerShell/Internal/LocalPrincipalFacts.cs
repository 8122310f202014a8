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

    /// <summary>The principals the session's local KMS knows; none for a session on AWS (or no session).</summary>
    public static IEnumerable<LocalKmsPrincipal> Known(KmsSession? session) => session is { IsLocal: true } ? LocalPrincipals(session) : [];

    /// <summary>The subject as the local KMS would judge it, with the policies of an account administrator.</summary>
    public static AccessSubject Subject(LocalKmsPrincipal principal) =>
        new(principal.PrincipalArn, principal.IsAccountAdministrator ? [PolicyAccessInputs.ParseIdentity(AdministratorAccess)] : []);

    /// <summary>AWS's AdministratorAccess policy, which the local KMS's account administrators have.</summary>
    private const string AdministratorAccess = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    // The local KMS lists no principals yet but its built-in administrator; principals with policies of their own come
    // with the local principals work.
    private static IEnumerable<LocalKmsPrincipal> LocalPrincipals(KmsSession session) => [LocalKmsPrincipal.Default];
}
