using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.State;

/// <summary>
/// Opaque paging markers: the sort key of the last item returned, bound to the listing it came from and signed,
/// so a marker from another listing, or a made-up one, is an InvalidMarkerException.
/// </summary>
internal sealed class MarkerCodec
{
    private readonly byte[] _secret;

    public MarkerCodec(byte[] secret) => _secret = secret;

    public string Encode(string scope, string lastKey)
    {
        var payload = Encoding.UTF8.GetBytes(lastKey);
        return Base64Url(payload) + "." + Base64Url(Mac(scope, payload));
    }

    public string Decode(string scope, string marker)
    {
        var parts = marker.Split('.');
        if (parts.Length != 2 || !TryBase64Url(parts[0], out var payload) || !TryBase64Url(parts[1], out var mac) ||
            !CryptographicOperations.FixedTimeEquals(mac, Mac(scope, payload)))
        {
            throw KmsErrors.InvalidMarker();
        }
        return Encoding.UTF8.GetString(payload);
    }

    private byte[] Mac(string scope, byte[] payload) =>
        HMACSHA256.HashData(_secret, (byte[])[.. Encoding.UTF8.GetBytes(scope), 0, .. payload])[..16];

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64Url(string text, out byte[] data)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        data = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, data, out var written)) return false;
        data = data[..written];
        return true;
    }
}
