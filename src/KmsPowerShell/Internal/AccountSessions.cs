using KmsPowerShell.Engine.Compliance;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell;

/// <summary>
/// The sessions of the accounts a command reaches (-ProfileName, -RoleArn): a shared config profile's (made on the
/// pipeline thread, where the factory may write verbose output), a role's (assumed with the base session's credentials,
/// off the pipeline thread), or the base session itself. Keeps each for the command and closes those it made.
/// </summary>
internal sealed class AccountSessions(Action<string> verbose, Action<string> warn) : IDisposable
{
    private readonly Dictionary<string, KmsSession> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<KmsSession>> _roles = new(StringComparer.Ordinal);

    /// <summary>The profile's session, made once; throws KmsConfigurationException when the profile cannot give one.</summary>
    public KmsSession Profile(string profileName)
    {
        if (!_profiles.TryGetValue(profileName, out var session))
        {
            session = KmsSessionFactory.Create(new KmsSessionOptions { ProfileName = profileName }, verbose, warn);
            _profiles[profileName] = session;
        }
        return session;
    }

    /// <summary>The role's session, assumed once from <paramref name="baseSession"/>.</summary>
    public Task<KmsSession> Role(KmsSession baseSession, string roleArn, string? externalId, string sessionName, CancellationToken cancellationToken)
    {
        if (!_roles.TryGetValue(roleArn, out var session))
        {
            session = Task.Run(() => ComplianceSessions.AssumeRoleAsync(baseSession, roleArn, externalId, sessionName, cancellationToken), cancellationToken);
            _roles[roleArn] = session;
        }
        return session;
    }

    /// <summary>
    /// Each account asked, in order (the session's own when no profile or role is given, then the profiles, then the
    /// roles), with its session; every role starts being assumed as the list is read. Pipeline thread only (a profile
    /// session is made here, and <paramref name="activeSession"/> is read here); a profile that cannot give a session
    /// fails in its place.
    /// </summary>
    public IEnumerable<(AccountTarget Target, Task<KmsSession> Session)> Of(AccountsAsked asked, Func<KmsSession> activeSession,
        CancellationToken cancellationToken)
    {
        if (!asked.Any) yield return (AccountTarget.SessionsOwn, Task.FromResult(activeSession()));
        foreach (var profile in asked.ProfileNames ?? [])
        {
            Task<KmsSession> session;
            try
            {
                session = Task.FromResult(Profile(profile));
            }
            catch (KmsConfigurationException e)
            {
                session = Task.FromException<KmsSession>(e);
            }
            yield return (new AccountTarget($"profile {profile}", profile, null), session);
        }
        foreach (var role in asked.RoleArns ?? [])
        {
            yield return (new AccountTarget(role, null, role), Role(activeSession(), role, asked.ExternalId, asked.RoleSessionName, cancellationToken));
        }
    }

    public void Dispose()
    {
        foreach (var session in _profiles.Values) session.Dispose();
        foreach (var role in _roles.Values)
        {
            // A role still being assumed (the command was stopped) closes its session when it arrives.
            role.ContinueWith(assumed => assumed.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }
}
