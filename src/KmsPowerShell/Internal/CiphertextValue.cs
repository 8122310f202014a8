using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>A KMS ciphertext blob given as base64 text or as bytes. The blob itself is opaque: it is never parsed.</summary>
internal static class CiphertextValue
{
    public static byte[] ToBytes(object value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        byte[] bytes => bytes,
        string text => FromBase64(text),
        // -Ciphertext takes pipeline input by value, so objects such as KmsDataKey arrive whole: use their ciphertext.
        var other when Property(value, "CiphertextBlob") is { } blob => ToBytes(blob),
        var other when Property(value, "Ciphertext") is { } text => ToBytes(text),
        var other => throw new KmsArgumentException("CiphertextTypeInvalid",
            $"-Ciphertext takes base64 text or a byte array, not {other?.GetType().Name ?? "null"}."),
    };

    private static object? Property(object value, string name)
    {
        var found = PSObject.AsPSObject(value).Properties[name]?.Value;
        return found is byte[] or string ? found : found is PSObject { BaseObject: byte[] or string } wrapped ? wrapped.BaseObject : null;
    }

    private static byte[] FromBase64(string text)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            if (bytes.Length == 0) throw new FormatException();
            return bytes;
        }
        catch (FormatException)
        {
            throw new KmsArgumentException("CiphertextInvalid", "-Ciphertext is not base64 text. Pass the text Protect-KmsData wrote, or bytes with -Ciphertext ([byte[]] ...).");
        }
    }
}
