using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// AES Key Wrap with Padding (RFC 5649), the inner layer of the RSA_AES_KEY_WRAP_SHA_1/SHA_256 wrapping algorithms of
/// ImportKeyMaterial; BouncyCastle's <c>AesWrapPadEngine</c> does the work (.NET has no key wrap).
/// </summary>
public static class AesKeyWrapPad
{
    /// <summary>Wraps <paramref name="plaintext"/> (1 byte or more) under a 16, 24 or 32 byte AES key.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.IsEmpty) throw new ArgumentException("There is nothing to wrap.", nameof(plaintext));
        var engine = Engine(kek, forWrapping: true);
        var input = plaintext.ToArray();
        try
        {
            return engine.Wrap(input, 0, input.Length);
        }
        finally
        {
            Array.Clear(input);
        }
    }

    /// <summary>Unwraps and checks the integrity of a wrapped key; <see cref="System.Security.Cryptography.CryptographicException"/> when it does not unwrap.</summary>
    public static byte[] Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped)
    {
        var engine = Engine(kek, forWrapping: false);
        var input = wrapped.ToArray();
        try
        {
            return engine.Unwrap(input, 0, input.Length);
        }
        catch (InvalidCipherTextException)
        {
            throw new System.Security.Cryptography.CryptographicException("The wrapped key does not unwrap under this key.");
        }
        catch (ArgumentException)
        {
            throw new System.Security.Cryptography.CryptographicException("The wrapped key does not unwrap under this key.");
        }
        finally
        {
            Array.Clear(input);
        }
    }

    private static AesWrapPadEngine Engine(ReadOnlySpan<byte> kek, bool forWrapping)
    {
        if (kek.Length is not (16 or 24 or 32)) throw new ArgumentException("An AES key is 16, 24 or 32 bytes.", nameof(kek));
        var engine = new AesWrapPadEngine();
        engine.Init(forWrapping, new KeyParameter(kek));
        return engine;
    }
}
