using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell;

/// <summary>Completes the tag keys of the key named with -KeyId on the line; the tooltip shows the value.</summary>
public sealed class TagKeyCompleter : KeyOnLineCompleter
{
    private protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(KmsSession session, KeyRequest key, CancellationToken cancellationToken) =>
        (await new KmsTagAdmin(session).ListAsync(key, key.KeyId, cancellationToken).ConfigureAwait(false))
            .Select(t => new CompletionCandidate(t.TagKey, t.TagKey, $"{t.TagKey} = {t.TagValue}"))
            .ToArray();
}
