using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell;

/// <summary>Completes the grant ids of the key named with -KeyId on the line; the tooltip names the grantee and the operations.</summary>
public sealed class GrantIdCompleter : KeyOnLineCompleter
{
    private protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(KmsSession session, KeyRequest key, CancellationToken cancellationToken) =>
        (await new KmsGrantAdmin(session).ListAsync(key, null, null, cancellationToken).ConfigureAwait(false))
            .Select(g => new CompletionCandidate(g.GrantId, g.Name is { Length: > 0 } name ? $"{g.GrantId} ({name})" : g.GrantId,
                $"{g.GranteePrincipal}: {string.Join(", ", g.Operations)}"))
            .ToArray();
}
