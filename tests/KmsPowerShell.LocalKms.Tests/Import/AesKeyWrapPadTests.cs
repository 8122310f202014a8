using KmsPowerShell.LocalKms.KeyMaterial;
using Xunit;

namespace KmsPowerShell.LocalKms.Tests.Import;

public sealed class AesKeyWrapPadTests
{
    private static readonly byte[] Kek = Convert.FromHexString("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8");

    // RFC 5649 section 6: both test vectors.
    [Theory]
    [InlineData("c37b7e6492584340bed12207808941155068f738", "138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a")]
    [InlineData("466f7250617369", "afbeb0f07dfbf5419200f2ccb50bb24f")]
    public void WrapsAndUnwrapsTheRfcVectors(string key, string wrapped)
    {
        Assert.Equal(wrapped, Convert.ToHexString(AesKeyWrapPad.Wrap(Kek, Convert.FromHexString(key))), ignoreCase: true);
        Assert.Equal(key, Convert.ToHexString(AesKeyWrapPad.Unwrap(Kek, Convert.FromHexString(wrapped))), ignoreCase: true);
    }

    [Fact]
    public void RefusesATamperedWrap()
    {
        var wrapped = AesKeyWrapPad.Wrap(Kek, new byte[32]);
        wrapped[^1] ^= 1;
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => AesKeyWrapPad.Unwrap(Kek, wrapped));
    }
}
