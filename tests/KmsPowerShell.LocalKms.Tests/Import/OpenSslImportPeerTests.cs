using System.Text.Json;
using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.LocalKms.Tests.Import;

/// <summary>
/// The developer guide's own recipe as the independent peer: awscli asks the local KMS server for import parameters,
/// openssl wraps the material (pkeyutl OAEP SHA-256; enc -id-aes256-wrap-pad plus OAEP for RSA_AES_KEY_WRAP_SHA_256),
/// awscli imports it, and openssl checks what the imported key then computes.
/// </summary>
public sealed class OpenSslImportPeerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("localkms-import-peer-").FullName;
    private readonly OpenSsl _openssl = new();

    public void Dispose()
    {
        _openssl.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [AwsCliFact]
    public async Task OpenSslWrappedHmacKey_ImportsByOaepSha256_AndGenerateMacEqualsOpenSslMac()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        var keyId = await CreateExternalKeyAsync(aws, "HMAC_256", "GENERATE_VERIFY_MAC");
        var (publicKey, token) = await ParametersAsync(aws, keyId, "RSAES_OAEP_SHA_256", "RSA_2048");

        OpenSslOk("rand", "-out", Path("material.bin"), "32");
        OpenSslOk("pkeyutl", "-encrypt", "-in", Path("material.bin"), "-out", Path("wrapped.bin"), "-inkey", publicKey, "-keyform", "DER", "-pubin",
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256");
        await ImportAsync(aws, keyId, "wrapped.bin", token);

        await File.WriteAllTextAsync(Path("message.txt"), "imported HMAC key");
        var mac = JsonDocument.Parse(await aws.RunAsync("kms", "generate-mac", "--key-id", keyId, "--mac-algorithm", "HMAC_SHA_256",
            "--message", "fileb://message.txt")).RootElement.GetProperty("Mac").GetString()!;
        var key = Convert.ToHexString(await File.ReadAllBytesAsync(Path("material.bin")));
        var expected = OpenSslOk("mac", "-digest", "SHA256", "-macopt", $"hexkey:{key}", "-in", Path("message.txt"), "HMAC").Trim();
        Assert.Equal(expected, Convert.ToHexString(Convert.FromBase64String(mac)), ignoreCase: true);
    }

    [AwsCliFact]
    public async Task OpenSslWrappedEccKey_ImportsByRsaAesKeyWrapSha256_AndSignsWhatOpenSslVerifies()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        var keyId = await CreateExternalKeyAsync(aws, "ECC_NIST_P256", "SIGN_VERIFY");
        var (publicKey, token) = await ParametersAsync(aws, keyId, "RSA_AES_KEY_WRAP_SHA_256", "RSA_3072");

        OpenSslOk("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", Path("ec.pem"));
        OpenSslOk("pkcs8", "-topk8", "-nocrypt", "-in", Path("ec.pem"), "-outform", "DER", "-out", Path("ec.der"));
        OpenSslOk("pkey", "-in", Path("ec.pem"), "-pubout", "-out", Path("ec-public.pem"));
        OpenSslOk("rand", "-out", Path("aes.bin"), "32");
        var aesHex = Convert.ToHexString(await File.ReadAllBytesAsync(Path("aes.bin")));
        OpenSslOk("enc", "-id-aes256-wrap-pad", "-K", aesHex, "-iv", "A65959A6", "-in", Path("ec.der"), "-out", Path("material-wrapped.bin"));
        OpenSslOk("pkeyutl", "-encrypt", "-in", Path("aes.bin"), "-out", Path("aes-wrapped.bin"), "-inkey", publicKey, "-keyform", "DER", "-pubin",
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256");
        await File.WriteAllBytesAsync(Path("wrapped.bin"), [.. await File.ReadAllBytesAsync(Path("aes-wrapped.bin")), .. await File.ReadAllBytesAsync(Path("material-wrapped.bin"))]);
        await ImportAsync(aws, keyId, "wrapped.bin", token);

        await File.WriteAllTextAsync(Path("message.txt"), "imported ECC key");
        var signature = JsonDocument.Parse(await aws.RunAsync("kms", "sign", "--key-id", keyId, "--message", "fileb://message.txt",
            "--message-type", "RAW", "--signing-algorithm", "ECDSA_SHA_256")).RootElement.GetProperty("Signature").GetString()!;
        await File.WriteAllBytesAsync(Path("signature.bin"), Convert.FromBase64String(signature));
        var (exitCode, output) = _openssl.Run("dgst", "-sha256", "-verify", Path("ec-public.pem"), "-signature", Path("signature.bin"), Path("message.txt"));
        Assert.True(exitCode == 0, output);
        Assert.Contains("Verified OK", output);
    }

    private string Path(string name) => System.IO.Path.Combine(_directory, name);

    private string OpenSslOk(params string[] arguments)
    {
        var (exitCode, output) = _openssl.Run(arguments);
        Assert.True(exitCode == 0, $"openssl {string.Join(' ', arguments)}: {output}");
        return output;
    }

    private static async Task<string> CreateExternalKeyAsync(AwsCli aws, string spec, string usage)
    {
        var created = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--origin", "EXTERNAL", "--key-spec", spec, "--key-usage", usage))
            .RootElement.GetProperty("KeyMetadata");
        Assert.Equal("PendingImport", created.GetProperty("KeyState").GetString());
        return created.GetProperty("KeyId").GetString()!;
    }

    /// <summary>The wrapping public key (DER) and import token files, base64-decoded as the guide does.</summary>
    private async Task<(string PublicKey, string Token)> ParametersAsync(AwsCli aws, string keyId, string algorithm, string wrappingKeySpec)
    {
        var parameters = JsonDocument.Parse(await aws.RunAsync("kms", "get-parameters-for-import", "--key-id", keyId,
            "--wrapping-algorithm", algorithm, "--wrapping-key-spec", wrappingKeySpec)).RootElement;
        await File.WriteAllBytesAsync(Path("WrappingPublicKey.bin"), Convert.FromBase64String(parameters.GetProperty("PublicKey").GetString()!));
        await File.WriteAllBytesAsync(Path("ImportToken.bin"), Convert.FromBase64String(parameters.GetProperty("ImportToken").GetString()!));
        return (Path("WrappingPublicKey.bin"), "ImportToken.bin");
    }

    private static async Task ImportAsync(AwsCli aws, string keyId, string wrapped, string token)
    {
        await aws.RunAsync("kms", "import-key-material", "--key-id", keyId, "--encrypted-key-material", $"fileb://{wrapped}",
            "--import-token", $"fileb://{token}", "--expiration-model", "KEY_MATERIAL_DOES_NOT_EXPIRE");
    }
}
