using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Primitives;

namespace KmsPowerShell.Tests.Messages;

public class CompressedPointTests
{
    public static TheoryData<string> Curves() => new("P256", "P384");

    private static SignatureCurve CurveNamed(string name) => name == "P256" ? SignatureCurve.P256 : SignatureCurve.P384;

    [Theory]
    [MemberData(nameof(Curves))]
    public void Decompress_CompressedRandomKeys_GivesTheOriginalPoint(string name)
    {
        var curve = CurveNamed(name);
        for (var i = 0; i < 50; i++)
        {
            using var key = ECDsa.Create(curve.Curve);
            var parameters = key.ExportParameters(false);

            var restored = CompressedPoint.Decompress(CompressedPoint.Compress(parameters, curve), curve);

            Assert.NotNull(restored);
            Assert.Equal(parameters.Q.X, restored.Value.Q.X);
            Assert.Equal(parameters.Q.Y, restored.Value.Q.Y);
        }
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Decompress_SignatureFromTheKey_VerifiesWithTheRestoredKey(string name)
    {
        var curve = CurveNamed(name);
        using var key = ECDsa.Create(curve.Curve);
        var hash = SHA384.HashData([1, 2, 3]);
        var signature = key.SignHash(hash, DSASignatureFormat.Rfc3279DerSequence);

        using var restored = ECDsa.Create(CompressedPoint.Decompress(CompressedPoint.Compress(key.ExportParameters(false), curve), curve)!.Value);

        Assert.True(restored.VerifyHash(hash, signature, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Decompress_XNotOnTheCurve_ReturnsNull()
    {
        // x = 0 on P-384: b is not a quadratic residue there, so no point has this x.
        var point = new byte[49];
        point[0] = 2;
        var found = Enumerable.Range(0, 20).Select(i => { point[^1] = (byte)i; return CompressedPoint.Decompress(point, SignatureCurve.P384); }).Count(p => p is null);

        Assert.True(found > 0);
    }

    [Theory]
    [InlineData(new byte[] { 4, 1, 2 })]
    [InlineData(new byte[] { })]
    public void Decompress_WrongPrefixOrLength_ReturnsNull(byte[] point) => Assert.Null(CompressedPoint.Decompress(point, SignatureCurve.P384));
}
