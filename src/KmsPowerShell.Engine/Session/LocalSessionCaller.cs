using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Engine.Session;

/// <summary>Who a session on the local KMS signs as, which the local KMS knows without asking STS.</summary>
public static class LocalSessionCaller
{
    /// <summary>The access key a -Local session signs with; null for a session on AWS or another endpoint.</summary>
    public static string? AccessKeyId(KmsSession session) =>
        session.IsLocal ? KmsClientPool.Of(session).CredentialsAccessKeyId() : null;
}
