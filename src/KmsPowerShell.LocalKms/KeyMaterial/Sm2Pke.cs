using KmsPowerShell.LocalKms.State;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// SM2PKE (GB/T 32918.4) with SM3, as KMS does for SM2 ENCRYPT_DECRYPT keys and for key material wrapped with the SM2
/// wrapping key of GetParametersForImport. The ciphertext is the ASN.1 DER of GM/T 0009-2012: SEQUENCE { x INTEGER,
/// y INTEGER, hash OCTET STRING (C3), ciphertext OCTET STRING (C2) }, that is C1C3C2 in ASN.1, which is also what
/// openssl's SM2 encryption writes and reads, so a caller may encrypt outside KMS. Public for the engine, which wraps
/// key material with it.
/// </summary>
public static class Sm2Pke
{
    /// <summary>The largest plaintext KMS encrypts with SM2PKE.</summary>
    public const int MaxPlaintextBytes = 1024;

    private const int CoordinateBytes = 32;
    private const int HashBytes = 32;
    private static readonly SecureRandom Random = new();

    internal static byte[] Encrypt(StoredKeyMaterial material, byte[] plaintext)
    {
        using var key = BcAsymmetricKey.Load(material);
        return Encrypt(key.Public, plaintext);
    }

    /// <summary>
    /// Encrypts for the holder of the SM2 public key <paramref name="subjectPublicKeyInfo"/> (DER, RFC 5280, on the
    /// sm2p256v1 curve); ArgumentException when it is not such a key.
    /// </summary>
    public static byte[] Encrypt(byte[] subjectPublicKeyInfo, ReadOnlySpan<byte> plaintext)
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PublicKeyFactory.CreateKey(subjectPublicKeyInfo);
        }
        catch (Exception e) when (e is IOException or InvalidCastException or SecurityUtilityException)
        {
            throw new ArgumentException("The public key is not a DER SubjectPublicKeyInfo that can be read.", nameof(subjectPublicKeyInfo), e);
        }
        if (key is not ECPublicKeyParameters { Parameters: ECNamedDomainParameters curve } || !curve.Name.Equals(GMObjectIdentifiers.sm2p256v1))
        {
            throw new ArgumentException("The public key is not an SM2 key (curve sm2p256v1).", nameof(subjectPublicKeyInfo));
        }
        var copy = plaintext.ToArray();
        try
        {
            return Encrypt(key, copy);
        }
        finally
        {
            Array.Clear(copy);
        }
    }

    private static byte[] Encrypt(AsymmetricKeyParameter publicKey, byte[] plaintext)
    {
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(publicKey, Random));
        // C1 is the uncompressed point 04 || x || y.
        var raw = engine.ProcessBlock(plaintext, 0, plaintext.Length);
        var x = new BigInteger(1, raw, 1, CoordinateBytes);
        var y = new BigInteger(1, raw, 1 + CoordinateBytes, CoordinateBytes);
        var c1 = 1 + 2 * CoordinateBytes;
        return new DerSequence(
            new DerInteger(x), new DerInteger(y),
            new DerOctetString(raw.AsSpan(c1, HashBytes).ToArray()), new DerOctetString(raw.AsSpan(c1 + HashBytes).ToArray())).GetDerEncoded();
    }

    /// <summary>The plaintext; null when the ciphertext is malformed or was not made with this key.</summary>
    internal static byte[]? Decrypt(StoredKeyMaterial material, byte[] ciphertext)
    {
        using var key = BcAsymmetricKey.Load(material);
        return Decrypt(key.Key, ciphertext);
    }

    /// <summary>The plaintext under the SM2 private key <paramref name="privateKeyPkcs8"/>; null as <see cref="Decrypt(StoredKeyMaterial, byte[])"/>.</summary>
    internal static byte[]? Decrypt(byte[] privateKeyPkcs8, byte[] ciphertext)
    {
        using var key = BcAsymmetricKey.FromPkcs8(privateKeyPkcs8);
        return Decrypt(key.Key, ciphertext);
    }

    private static byte[]? Decrypt(AsymmetricKeyParameter privateKey, byte[] ciphertext)
    {
        byte[] raw;
        try
        {
            var sequence = Asn1Sequence.GetInstance(ciphertext);
            if (sequence.Count != 4) return null;
            var hash = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
            var body = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
            raw = [0x04, .. Coordinate(sequence[0]), .. Coordinate(sequence[1]), .. hash, .. body];
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            return null;
        }
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(false, privateKey);
        try
        {
            return engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception e) when (e is InvalidCipherTextException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Coordinate(Asn1Encodable integer)
    {
        var value = DerInteger.GetInstance(integer).PositiveValue;
        return value.BitLength > 8 * CoordinateBytes ? throw new ArgumentException("Not an SM2 point coordinate.") : value.ToByteArrayUnsigned().PadLeft();
    }

    private static byte[] PadLeft(this byte[] bytes) => bytes.Length == CoordinateBytes ? bytes : [.. new byte[CoordinateBytes - bytes.Length], .. bytes];
}
