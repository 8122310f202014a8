using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace KmsPowerShell;

/// <summary>
/// Secrets between PowerShell and the engine: strings (UTF-8), SecureStrings and byte arrays in, and SecureStrings,
/// strings or bytes out. Every intermediate copy is zeroed; the caller zeroes what it is given.
/// </summary>
internal static class SecretValue
{
    public static byte[] ToBytes(object value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        byte[] bytes => (byte[])bytes.Clone(),
        SecureString secure => FromSecureString(secure),
        string text => Encoding.UTF8.GetBytes(text),
        var other => throw new KmsArgumentException("ValueTypeInvalid",
            $"-Value takes a string, a SecureString or a byte array, not {other?.GetType().Name ?? "null"}."),
    };

    public static SecureString ToSecureString(byte[] utf8) => ZeroedIntoSecureString(Encoding.UTF8.GetChars(utf8));

    /// <summary>Binary secret as a SecureString of its base64 text; the intermediate characters are zeroed.</summary>
    public static SecureString ToBase64SecureString(byte[] secret)
    {
        var chars = new char[(secret.Length + 2) / 3 * 4];
        Convert.TryToBase64Chars(secret, chars, out _);
        return ZeroedIntoSecureString(chars);
    }

    /// <summary>The characters as a read-only SecureString; <paramref name="chars"/> is zeroed.</summary>
    private static SecureString ZeroedIntoSecureString(char[] chars)
    {
        try
        {
            var secure = new SecureString();
            foreach (var c in chars) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    private static byte[] FromSecureString(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        var chars = new char[secure.Length];
        try
        {
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return Encoding.UTF8.GetBytes(chars);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            Array.Clear(chars);
        }
    }

    /// <summary>
    /// A SecureString as the string an SDK request member takes (a key store password, an XKS proxy secret key); the
    /// string cannot be zeroed, so it is made only at the call and never kept.
    /// </summary>
    public static string ToRequestString(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try { return Marshal.PtrToStringUni(pointer, secure.Length); }
        finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
    }

    public static void Zero(byte[]? bytes)
    {
        if (bytes is not null) CryptographicOperations.ZeroMemory(bytes);
    }
}
