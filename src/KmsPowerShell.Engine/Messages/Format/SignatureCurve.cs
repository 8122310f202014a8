using System.Numerics;
using System.Security.Cryptography;

namespace KmsPowerShell.Engine.Messages.Format;

/// <summary>A NIST prime curve used for message signatures, with what point decompression needs (a = -3 on both).</summary>
internal sealed class SignatureCurve
{
    public static readonly SignatureCurve P256 = new(
        ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256, 32,
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

    public static readonly SignatureCurve P384 = new(
        ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384, 48,
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef");

    private SignatureCurve(ECCurve curve, HashAlgorithmName hash, int fieldLength, string primeHex, string bHex)
    {
        Curve = curve;
        Hash = hash;
        FieldLength = fieldLength;
        Prime = BigInteger.Parse("0" + primeHex, System.Globalization.NumberStyles.HexNumber);
        B = BigInteger.Parse("0" + bHex, System.Globalization.NumberStyles.HexNumber);
    }

    public ECCurve Curve { get; }
    public HashAlgorithmName Hash { get; }

    /// <summary>Bytes of one coordinate.</summary>
    public int FieldLength { get; }

    public BigInteger Prime { get; }
    public BigInteger B { get; }

    public int CompressedPointLength => FieldLength + 1;
}
