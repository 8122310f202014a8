using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms.KeyMaterial;

namespace KmsPowerShell.LocalKms.Tests;

public class MacTests : IClassFixture<AsymmetricKeysFixture>
{
    private static readonly byte[] Message = "a message to authenticate"u8.ToArray();
    private readonly AsymmetricKeysFixture _keys;

    public MacTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    private async Task<byte[]> MacAsync(KeyMetadata key, string algorithm, byte[] message)
    {
        var response = await Client.GenerateMacAsync(new GenerateMacRequest { KeyId = key.KeyId, MacAlgorithm = algorithm, Message = new MemoryStream(message) });
        Assert.Equal(key.Arn, response.KeyId);
        Assert.Equal(algorithm, response.MacAlgorithm.Value);
        return response.Mac.ToArray();
    }

    private Task<VerifyMacResponse> VerifyAsync(KeyMetadata key, string algorithm, byte[] message, byte[] mac) =>
        Client.VerifyMacAsync(new VerifyMacRequest { KeyId = key.KeyId, MacAlgorithm = algorithm, Message = new MemoryStream(message), Mac = new MemoryStream(mac) });

    [Theory]
    [InlineData("HMAC_224", "HMAC_SHA_224", 28)]
    [InlineData("HMAC_256", "HMAC_SHA_256", 32)]
    [InlineData("HMAC_384", "HMAC_SHA_384", 48)]
    [InlineData("HMAC_512", "HMAC_SHA_512", 64)]
    public async Task GenerateMac_EachSpec_MacOfTheDigestLengthThatVerifies(string spec, string algorithm, int length)
    {
        var key = _keys.Key(spec, "GENERATE_VERIFY_MAC");
        var mac = await MacAsync(key, algorithm, Message);
        Assert.Equal(length, mac.Length);
        Assert.Equal(mac, await MacAsync(key, algorithm, Message));

        var verified = await VerifyAsync(key, algorithm, Message, mac);
        Assert.True(verified.MacValid);
        Assert.Equal(key.Arn, verified.KeyId);
    }

    [Fact]
    public async Task VerifyMac_TamperedMessageOrMac_KmsInvalidMacException()
    {
        var key = _keys.Key("HMAC_256", "GENERATE_VERIFY_MAC");
        var mac = await MacAsync(key, "HMAC_SHA_256", Message);
        await KmsAssert.FailsWith("KMSInvalidMacException", () => VerifyAsync(key, "HMAC_SHA_256", [.. Message, 1], mac));
        await KmsAssert.FailsWith("KMSInvalidMacException", () => VerifyAsync(key, "HMAC_SHA_256", Message, mac[..^1]));
        mac[0] ^= 1;
        await KmsAssert.FailsWith("KMSInvalidMacException", () => VerifyAsync(key, "HMAC_SHA_256", Message, mac));
    }

    [Fact]
    public async Task GenerateMac_AlgorithmOfAnotherSpec_InvalidKeyUsageException()
    {
        var key = _keys.Key("HMAC_256", "GENERATE_VERIFY_MAC");
        var error = await KmsAssert.FailsWith("InvalidKeyUsageException", () => MacAsync(key, "HMAC_SHA_512", Message));
        Assert.Equal("Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.", error.Message);
    }

    [Fact]
    public async Task GenerateAndVerifyMac_UnknownAlgorithm_ValidationExceptionListingAsAws()
    {
        var key = _keys.Key("HMAC_256", "GENERATE_VERIFY_MAC");
        const string Expected = "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: " +
            "Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]";
        Assert.Equal(Expected, (await KmsAssert.FailsWith("ValidationException", () => MacAsync(key, "INVALID", Message))).Message);
        Assert.Equal(Expected, (await KmsAssert.FailsWith("ValidationException", () => VerifyAsync(key, "INVALID", Message, new byte[32]))).Message);
    }

    [Fact]
    public async Task GenerateMac_SymmetricKey_InvalidKeyUsageException()
    {
        var key = _keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        await KmsAssert.FailsWith("InvalidKeyUsageException", () => MacAsync(key, "HMAC_SHA_256", Message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("The quick brown fox jumps over the lazy dog, twice over: the quick brown fox jumps over the lazy dog.")]
    public void HmacSha224_AgreesWithOpenSsl(string text)
    {
        var key = RandomNumberGenerator.GetBytes(28);
        using var openssl = new OpenSsl();
        var file = openssl.Write("msg.txt", System.Text.Encoding.UTF8.GetBytes(text));

        var (exitCode, output) = openssl.Run("dgst", "-sha224", "-mac", "HMAC", "-macopt", $"hexkey:{Convert.ToHexString(key)}", "-r", file);

        Assert.True(exitCode == 0, output);
        Assert.Equal(output.Split(' ')[0], Convert.ToHexString(HmacSha224.HashData(key, System.Text.Encoding.UTF8.GetBytes(text))).ToLowerInvariant());
    }

    [Fact]
    public void Sha224_LongKeyAndKnownVector()
    {
        // FIPS 180-4 example: SHA-224("abc").
        Assert.Equal("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", Convert.ToHexString(Sha224.HashData("abc"u8)).ToLowerInvariant());
        var longKey = new byte[100];
        Assert.Equal(HmacSha224.HashData(Sha224.HashData(longKey), "m"u8), HmacSha224.HashData(longKey, "m"u8));
    }
}
