using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace KmsPowerShell.Engine.Agreement;

/// <summary>
/// A peer's public key for DeriveSharedSecret, as users have it: DER SubjectPublicKeyInfo, or PEM ("PUBLIC KEY", as
/// openssl and Get-KmsPublicKey -OutFile write it). Checked before any call: an EC key, on the curve of the KMS key.
/// </summary>
public static class PeerPublicKey
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    private static readonly Dictionary<string, string> SpecByCurveOid = new(StringComparer.Ordinal)
    {
        ["1.2.840.10045.3.1.7"] = "ECC_NIST_P256",
        ["1.3.132.0.34"] = "ECC_NIST_P384",
        ["1.3.132.0.35"] = "ECC_NIST_P521",
        ["1.2.156.10197.1.301"] = "SM2",
    };

    /// <summary>The DER SubjectPublicKeyInfo of <paramref name="given"/>; PublicKeyInvalid when it is neither form.</summary>
    public static byte[] ToDer(byte[] given)
    {
        var der = LooksLikePem(given) ? FromPem(Encoding.ASCII.GetString(given)) : given;
        CurveSpec(der);
        return der;
    }

    /// <summary>Refuses a public key that is not on the curve of a key of <paramref name="keySpec"/>.</summary>
    public static void RequireCurveOf(byte[] der, string keySpec)
    {
        var spec = CurveSpec(der);
        if (spec != keySpec)
        {
            throw new KmsArgumentException("PublicKeyInvalid",
                $"The public key is on the curve of {spec ?? "an unknown curve"}, the KMS key is {keySpec}: both key pairs must use the same curve.");
        }
    }

    private static string? CurveSpec(byte[] der)
    {
        try
        {
            var spki = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var algorithm = spki.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            if (oid != EcPublicKeyOid) throw Invalid($"The public key is not an elliptic curve key (its algorithm is {oid}); DeriveSharedSecret needs the peer's EC public key.");
            return algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) ? SpecByCurveOid.GetValueOrDefault(algorithm.ReadObjectIdentifier()) : null;
        }
        catch (AsnContentException)
        {
            throw Invalid("The public key is not a DER SubjectPublicKeyInfo or a PEM PUBLIC KEY block.");
        }
    }

    private static bool LooksLikePem(byte[] bytes) => bytes.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("-----BEGIN "u8);

    private static byte[] FromPem(string text)
    {
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != "PUBLIC KEY")
        {
            throw Invalid("The PEM text has no PUBLIC KEY block (openssl pkey -pubout writes one).");
        }
        return Convert.FromBase64String(text[fields.Base64Data]);
    }

    private static KmsArgumentException Invalid(string message) => new("PublicKeyInvalid", message);
}
