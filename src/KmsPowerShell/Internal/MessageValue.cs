using System.Management.Automation;
using System.Text;

namespace KmsPowerShell;

/// <summary>A message to sign or MAC: a string (as UTF-8) or a byte array.</summary>
internal static class MessageValue
{
    /// <summary>The largest message KMS takes in Sign, Verify, GenerateMac and VerifyMac.</summary>
    public const int MaxBytes = 4096;

    public static byte[] ToBytes(object value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        object[] items when items.All(i => (i is PSObject p ? p.BaseObject : i) is byte) => LanguagePrimitives.ConvertTo<byte[]>(items),
        var other => throw new KmsArgumentException("MessageInvalid",
            $"-Message takes a string (signed as UTF-8) or a byte array, not {other?.GetType().Name ?? "null"}."),
    };
}
