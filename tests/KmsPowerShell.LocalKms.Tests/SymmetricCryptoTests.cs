using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class SymmetricCryptoTests
{
    // Not a constant: the SDK's analyzer refuses out-of-range literals, and these tests are about the server refusing them.
    private static readonly int OverLimit = 1025;

    private static readonly Dictionary<string, string> Context = new() { ["purpose"] = "test", ["tenant"] = "42" };

    [Fact]
    public async Task Decrypt_WithoutKeyId_ReturnsPlaintextKeyArnAndAlgorithm()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var encrypted = await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("secret"), EncryptionContext = Context });
        Assert.Equal(key.Arn, encrypted.KeyId);
        Assert.Equal(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, encrypted.EncryptionAlgorithm);

        var decrypted = await client.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = encrypted.CiphertextBlob,
            EncryptionContext = new Dictionary<string, string> { ["tenant"] = "42", ["purpose"] = "test" },
        });
        Assert.Equal("secret", LocalKmsHarness.Text(decrypted.Plaintext));
        Assert.Equal(key.Arn, decrypted.KeyId);
        Assert.Equal(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, decrypted.EncryptionAlgorithm);
    }

    [Fact]
    public async Task Decrypt_WrongOrMissingContext_InvalidCiphertextException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s"), EncryptionContext = Context })).CiphertextBlob;
        await KmsAssert.FailsWith("InvalidCiphertextException",
            () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob.ToArray()), EncryptionContext = new() { ["purpose"] = "other", ["tenant"] = "42" } }));
        await KmsAssert.FailsWith("InvalidCiphertextException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob.ToArray()) }));
    }

    [Fact]
    public async Task Decrypt_TamperedOrForeignBlob_InvalidCiphertextException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s") })).CiphertextBlob.ToArray();
        blob[^1] ^= 1;
        await KmsAssert.FailsWith("InvalidCiphertextException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob) }));
        await KmsAssert.FailsWith("InvalidCiphertextException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(new byte[64]) }));
    }

    /// <summary>Random bytes (an RSA ciphertext) that start with the blob's format byte, as one in 256 do: not a blob.</summary>
    [Fact]
    public async Task Decrypt_RandomBytesStartingWithTheFormatByte_InvalidCiphertextException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        await kms.CreateKeyAsync(client);
        var blob = Enumerable.Range(0, 256).Select(i => (byte)(i * 7 + 200)).ToArray();
        blob[0] = (byte)'L';
        await KmsAssert.FailsWith("InvalidCiphertextException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob) }));
    }

    [Fact]
    public async Task Decrypt_KeyIdOfAnotherKey_IncorrectKeyException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var other = await kms.CreateKeyAsync(client);
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s") })).CiphertextBlob;
        var error = await KmsAssert.FailsWith("IncorrectKeyException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = blob, KeyId = other.KeyId }));
        Assert.Equal(IncorrectKeyMessage, error.Message);
    }

    public const string IncorrectKeyMessage = "The key ID in the request does not identify a CMK that can perform this operation.";

    public static TheoryData<string, string> KeysOfOtherUsage => new()
    {
        { "HMAC_256", "GENERATE_VERIFY_MAC" },
        { "RSA_2048", "SIGN_VERIFY" },
        { "ECC_NIST_P256", "SIGN_VERIFY" },
        { "RSA_2048", "ENCRYPT_DECRYPT" },
    };

    /// <summary>AWS matches the blob's key before it looks at the usage of the key named.</summary>
    [Theory]
    [MemberData(nameof(KeysOfOtherUsage))]
    public async Task DecryptAndReEncrypt_SymmetricBlobNamingKeyOfOtherSpec_IncorrectKeyException(string keySpec, string keyUsage)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var named = await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = keySpec, KeyUsage = keyUsage });
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s") })).CiphertextBlob;
        var decrypt = await KmsAssert.FailsWith("IncorrectKeyException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = blob, KeyId = named.KeyId }));
        Assert.Equal(IncorrectKeyMessage, decrypt.Message);
        var reEncrypt = await KmsAssert.FailsWith("IncorrectKeyException", () => client.ReEncryptAsync(
            new ReEncryptRequest { CiphertextBlob = blob, SourceKeyId = named.KeyId, DestinationKeyId = key.KeyId }));
        Assert.Equal(IncorrectKeyMessage, reEncrypt.Message);
    }

    [Fact]
    public async Task Decrypt_DisabledKey_DisabledException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s") })).CiphertextBlob;
        await client.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });
        await KmsAssert.FailsWith("DisabledException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = blob }));
    }

    [Fact]
    public async Task Encrypt_PlaintextOver4096Bytes_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = new MemoryStream(new byte[4097]) }));
        Assert.Equal("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096", error.Message);
    }

    [Fact]
    public async Task Encrypt_HmacKey_InvalidKeyUsageException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC });
        await KmsAssert.FailsWith("InvalidKeyUsageException", () => client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s") }));
    }

    [Fact]
    public async Task Encrypt_DryRun_DryRunOperationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await KmsAssert.FailsWith("DryRunOperationException", () => client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s"), DryRun = true }));
    }

    [Theory]
    [InlineData("AES_256", null, 32)]
    [InlineData("AES_128", null, 16)]
    [InlineData(null, 7, 7)]
    public async Task GenerateDataKey_SpecOrLength_PlaintextOfThatSizeThatDecrypts(string? spec, int? bytes, int expected)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var dataKey = await client.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = spec, NumberOfBytes = bytes, EncryptionContext = Context });
        Assert.Equal(expected, dataKey.Plaintext.Length);
        Assert.Equal(key.Arn, dataKey.KeyId);
        var decrypted = await client.DecryptAsync(new DecryptRequest { CiphertextBlob = dataKey.CiphertextBlob, EncryptionContext = Context });
        Assert.Equal(dataKey.Plaintext.ToArray(), decrypted.Plaintext.ToArray());
    }

    [Fact]
    public async Task GenerateDataKey_BothOrNeitherSpecAndLength_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        const string EitherMessage = "Please specify either number of bytes or key spec.";
        Assert.Equal(EitherMessage, (await KmsAssert.FailsWith("ValidationException",
            () => client.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId }))).Message);
        Assert.Equal(EitherMessage, (await KmsAssert.FailsWith("ValidationException",
            () => client.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256, NumberOfBytes = 32 }))).Message);
        var over = await KmsAssert.FailsWith("ValidationException", () => client.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId, NumberOfBytes = OverLimit }));
        Assert.Equal("1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024", over.Message);
    }

    [Fact]
    public async Task GenerateDataKeyWithoutPlaintext_Aes256_CiphertextDecryptsTo32Bytes()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var dataKey = await client.GenerateDataKeyWithoutPlaintextAsync(new GenerateDataKeyWithoutPlaintextRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256 });
        Assert.Equal(32, (await client.DecryptAsync(new DecryptRequest { CiphertextBlob = dataKey.CiphertextBlob })).Plaintext.Length);
    }

    [Fact]
    public async Task ReEncrypt_ToAnotherKeyAndContext_DecryptsUnderTheNewKey()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var source = await kms.CreateKeyAsync(client);
        var destination = await kms.CreateKeyAsync(client);
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = source.KeyId, Plaintext = LocalKmsHarness.Bytes("move me"), EncryptionContext = Context })).CiphertextBlob;
        var moved = await client.ReEncryptAsync(new ReEncryptRequest
        {
            CiphertextBlob = blob, SourceEncryptionContext = Context, DestinationKeyId = destination.KeyId,
            DestinationEncryptionContext = new() { ["new"] = "ctx" },
        });
        Assert.Equal(source.Arn, moved.SourceKeyId);
        Assert.Equal(destination.Arn, moved.KeyId);
        var decrypted = await client.DecryptAsync(new DecryptRequest { CiphertextBlob = moved.CiphertextBlob, EncryptionContext = new() { ["new"] = "ctx" } });
        Assert.Equal("move me", LocalKmsHarness.Text(decrypted.Plaintext));
        Assert.Equal(destination.Arn, decrypted.KeyId);
    }

    // AWS's answer when the key of a ciphertext is not there, whichever the reason: it tells nothing about the key.
    internal const string CiphertextKeyUnreachable =
        "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.";

    [Fact]
    public async Task DecryptAndReEncrypt_KeyOfCiphertextDeleted_AccessDeniedAsAws()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var destination = await kms.CreateKeyAsync(client);
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s") })).CiphertextBlob.ToArray();
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });
        kms.Clock.Advance(TimeSpan.FromDays(7));

        var error = await KmsAssert.FailsWith("AccessDeniedException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob) }));
        Assert.Equal(CiphertextKeyUnreachable, error.Message);
        error = await KmsAssert.FailsWith("AccessDeniedException",
            () => client.ReEncryptAsync(new ReEncryptRequest { CiphertextBlob = new MemoryStream(blob), DestinationKeyId = destination.KeyId }));
        Assert.Equal(CiphertextKeyUnreachable, error.Message);
    }

    [Fact]
    public async Task Decrypt_CiphertextOfAnotherRegion_AccessDeniedAsAws()
    {
        using var kms = new LocalKmsHarness();
        var key = await kms.CreateKeyAsync(kms.Client());
        var blob = (await kms.Client().EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s") })).CiphertextBlob;

        var error = await KmsAssert.FailsWith("AccessDeniedException", () => kms.Client("eu-west-1").DecryptAsync(new DecryptRequest { CiphertextBlob = blob }));
        Assert.Equal(CiphertextKeyUnreachable, error.Message);
    }

    [Fact]
    public async Task DecryptAndReEncrypt_DryRun_CiphertextCheckedFirst()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s"), EncryptionContext = Context })).CiphertextBlob.ToArray();

        await KmsAssert.FailsWith("InvalidCiphertextException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob), DryRun = true }));
        await KmsAssert.FailsWith("InvalidCiphertextException",
            () => client.ReEncryptAsync(new ReEncryptRequest { CiphertextBlob = new MemoryStream(blob), DestinationKeyId = key.KeyId, DryRun = true }));
        await KmsAssert.FailsWith("DryRunOperationException",
            () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob), EncryptionContext = Context, DryRun = true }));
        await KmsAssert.FailsWith("DryRunOperationException", () => client.ReEncryptAsync(new ReEncryptRequest
        {
            CiphertextBlob = new MemoryStream(blob), SourceEncryptionContext = Context, DestinationKeyId = key.KeyId, DryRun = true,
        }));
    }

    [Fact]
    public async Task DecryptAndReEncrypt_DryRunIgnoringCiphertext_NoBlobNeededButTheKey()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var ignore = new List<string> { "IGNORE_CIPHERTEXT" };

        await KmsAssert.FailsWith("DryRunOperationException",
            () => client.DecryptAsync(new DecryptRequest { KeyId = key.KeyId, DryRun = true, DryRunModifiers = ignore }));
        await KmsAssert.FailsWith("DryRunOperationException",
            () => client.ReEncryptAsync(new ReEncryptRequest { SourceKeyId = key.KeyId, DestinationKeyId = key.KeyId, DryRun = true, DryRunModifiers = ignore }));
        await KmsAssert.FailsWith("ValidationException", () => client.DecryptAsync(new DecryptRequest { DryRun = true, DryRunModifiers = ignore }));
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(new byte[64]), KeyId = key.KeyId, DryRun = true, DryRunModifiers = ["IGNORE_EVERYTHING"] }));
        Assert.Equal("1 validation error detected: Value '[IGNORE_EVERYTHING]' at 'dryRunModifiers' failed to satisfy constraint: " +
            "Member must satisfy constraint: [Member must satisfy enum value set: [IGNORE_CIPHERTEXT]]", error.Message);
    }

    [Fact]
    public async Task GenerateRandom_NoNumberOfBytes_ValidationExceptionAsAws()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.Client().GenerateRandomAsync(new GenerateRandomRequest()));
        Assert.Equal("NumberOfBytes is required.", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1024)]
    public async Task GenerateRandom_InRange_ThatManyBytes(int count)
    {
        using var kms = new LocalKmsHarness();
        Assert.Equal(count, (await kms.Client().GenerateRandomAsync(new GenerateRandomRequest { NumberOfBytes = count })).Plaintext.Length);
    }

    [Fact]
    public async Task GenerateRandom_1025Bytes_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.Client().GenerateRandomAsync(new GenerateRandomRequest { NumberOfBytes = OverLimit }));
        Assert.Equal("1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024", error.Message);
    }
}
