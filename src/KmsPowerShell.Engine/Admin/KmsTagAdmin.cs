using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Lists, adds and removes the tags of a key.</summary>
public sealed class KmsTagAdmin
{
    private readonly KmsClientPool _clients;

    public KmsTagAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    /// <summary>Every tag of the key, all pages; <paramref name="keyArn"/> is what each KmsTag names.</summary>
    public async Task<IReadOnlyList<KmsTag>> ListAsync(KeyRequest key, string keyArn, CancellationToken cancellationToken)
    {
        var tags = new List<KmsTag>();
        string? marker = null;
        do
        {
            var request = new ListResourceTagsRequest { KeyId = key.KeyId, Limit = 50, Marker = marker };
            var page = await _clients.CallAsync(key.Region, (c, ct) => c.ListResourceTagsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var tag in page.Tags ?? []) tags.Add(new KmsTag(keyArn, key.Region, tag.TagKey, tag.TagValue));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (!string.IsNullOrEmpty(marker));
        return tags;
    }

    public Task AddAsync(KeyRequest key, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var request = new TagResourceRequest { KeyId = key.KeyId, Tags = tags.Select(t => new Tag { TagKey = t.Key, TagValue = t.Value }).ToList() };
        return _clients.CallAsync(key.Region, (c, ct) => c.TagResourceAsync(request, ct), cancellationToken);
    }

    public Task RemoveAsync(KeyRequest key, IReadOnlyList<string> tagKeys, CancellationToken cancellationToken)
    {
        var request = new UntagResourceRequest { KeyId = key.KeyId, TagKeys = tagKeys.ToList() };
        return _clients.CallAsync(key.Region, (c, ct) => c.UntagResourceAsync(request, ct), cancellationToken);
    }
}
