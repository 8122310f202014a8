using System.Numerics;
using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Engine.Messages.Primitives;

/// <summary>
/// SEC1 compressed points (02|03 || x), the form the message format stores the verification key in.
/// .NET imports only full coordinates, so y is recovered from x: y² = x³ - 3x + b (mod p), and since p ≡ 3 (mod 4)
/// for P-256 and P-384 the square root is (y²)^((p+1)/4).
/// </summary>
internal static class CompressedPoint
{
    public static byte[] Compress(ECParameters publicKey, SignatureCurve curve)
    {
        var x = publicKey.Q.X!;
        var y = publicKey.Q.Y!;
        var point = new byte[curve.CompressedPointLength];
        point[0] = (byte)(2 + (y[^1] & 1));
        x.CopyTo(point.AsSpan(1 + curve.FieldLength - x.Length));
        return point;
    }

    /// <summary>Returns the full public key, or null when the bytes are not a point on the curve.</summary>
    public static ECParameters? Decompress(ReadOnlySpan<byte> point, SignatureCurve curve)
    {
        if (point.Length != curve.CompressedPointLength || (point[0] != 2 && point[0] != 3)) return null;
        var p = curve.Prime;
        var x = new BigInteger(point[1..], isUnsigned: true, isBigEndian: true);
        if (x >= p) return null;
        var ySquared = (BigInteger.ModPow(x, 3, p) - 3 * x + curve.B) % p;
        if (ySquared.Sign < 0) ySquared += p;
        var y = BigInteger.ModPow(ySquared, (p + 1) / 4, p);
        if (BigInteger.ModPow(y, 2, p) != ySquared) return null;
        if ((y.IsEven ? 2 : 3) != point[0]) y = p - y;
        if (y.IsZero && point[0] == 3) return null;
        return new ECParameters
        {
            Curve = curve.Curve,
            Q = new ECPoint { X = point[1..].ToArray(), Y = FixedLength(y, curve.FieldLength) },
        };
    }

    private static byte[] FixedLength(BigInteger value, int length)
    {
        var bytes = new byte[length];
        value.TryWriteBytes(bytes.AsSpan(length - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }
}
