using System.Management.Automation;
using System.Net;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Commands.Local;

/// <summary>
/// A cmdlet that sets up a local KMS of this process: the current session's (a -Local session, or a session on a
/// local KMS server of this process), or the one of -LocalStatePath.
/// </summary>
public abstract class LocalKmsCmdlet : PSCmdlet
{
    /// <summary>The state file of the local KMS to set up, when it is not the current session's.</summary>
    [Parameter]
    public string? LocalStatePath { get; set; }

    /// <summary>The local KMS to act on; one that cannot be found ends the command with one clear error.</summary>
    protected LocalKmsInstance LocalKms()
    {
        var (instance, error) = Find(string.IsNullOrEmpty(LocalStatePath) ? null : GetUnresolvedProviderPathFromPSPath(LocalStatePath));
        if (instance is null) ThrowTerminatingError(KmsErrorMap.ToErrorRecord(error!, LocalStatePath));
        return instance!;
    }

    /// <summary>The local KMS of a state file (a full path) this process has open, or the current session's for null; else why not.</summary>
    internal static (LocalKmsInstance? Instance, Exception? Error) Find(string? statePath) => statePath is null ? Current() : Named(statePath);

    protected static KmsArgumentException NotFound(string principalArn) =>
        new("LocalPrincipalNotFound", $"The local KMS has no principal {principalArn}.");

    /// <summary>A principal as cmdlets show it.</summary>
    protected static KmsLocalPrincipal Output(LocalKmsPrincipal principal) =>
        new(principal.PrincipalArn, principal.Account, principal.AccessKeyId, principal.SecretAccessKey, principal.IsAccountAdministrator,
            principal.IdentityPolicies, principal.Tags);

    /// <summary>How ShouldProcess and messages name a local KMS.</summary>
    protected static string Describe(LocalKmsInstance instance) =>
        instance.Service.StatePath is { } path ? $"the local KMS of '{path}'" : "the in-memory local KMS";

    private static (LocalKmsInstance?, Exception?) Named(string statePath) =>
        LocalKmsRegistry.Find(statePath) is { } open
            ? (open, null)
            : (null, new KmsConfigurationException("LocalKmsNotOpen",
                $"No session or server of this process uses the local KMS state file '{statePath}'."));

    private static (LocalKmsInstance?, Exception?) Current()
    {
        var session = SessionStore.Get();
        if (session is null) return (LocalKmsRegistry.Get(null), null);
        if (session.IsLocal) return (LocalKmsRegistry.Get(session.LocalStatePath), null); // open: the session holds it
        if (Uri.TryCreate(session.EndpointUrl, UriKind.Absolute, out var endpoint) && IsLoopback(endpoint)
            && LocalKmsRegistry.ServedOn(endpoint.Port) is { } served)
        {
            return (served, null);
        }
        return (null, new KmsConfigurationException("LocalKmsNotCurrent",
            $"The current KMS session is not on a local KMS ({session.CredentialSource}), and no -LocalStatePath names one."));
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address));
}
