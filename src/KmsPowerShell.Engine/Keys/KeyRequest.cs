namespace KmsPowerShell.Engine.Keys;

/// <summary>A key to describe and the region to ask (a key ARN's own region wins).</summary>
public sealed record KeyRequest(string KeyId, string Region)
{
    public override string ToString() => KeyId;

    /// <summary>The request for one key: an ARN's own region, else <paramref name="region"/>.</summary>
    public static KeyRequest For(string keyId, string region)
    {
        var id = KeyIdentifier.Parse(keyId);
        return new KeyRequest(id.Text, id.Region ?? region);
    }

    /// <summary>One request per region for a key id or alias name; one for an ARN, which names its region.</summary>
    public static IEnumerable<KeyRequest> ForRegions(string keyId, IEnumerable<string> regions)
    {
        var id = KeyIdentifier.Parse(keyId);
        return id.Region is { } own ? [new KeyRequest(id.Text, own)] : regions.Select(r => new KeyRequest(id.Text, r));
    }
}
