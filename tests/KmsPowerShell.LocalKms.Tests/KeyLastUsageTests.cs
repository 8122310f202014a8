using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>GetKeyLastUsage: which operations count, what is recorded, and what survives a restart.</summary>
public sealed class KeyLastUsageTests : StateFolderTests
{
    private static readonly byte[] Message = "usage"u8.ToArray();

    private static Task<GetKeyLastUsageResponse> LastUsage(AmazonKeyManagementServiceClient client, string keyId) =>
        client.GetKeyLastUsageAsync(new GetKeyLastUsageRequest { KeyId = keyId });

    private static async Task AssertUsed(AmazonKeyManagementServiceClient client, string keyId, string operation, DateTimeOffset at, string? requestId = null)
    {
        var usage = (await LastUsage(client, keyId)).KeyLastUsage;
        Assert.Equal(operation, usage.Operation?.Value);
        Assert.Equal(at.UtcDateTime, usage.Timestamp?.ToUniversalTime());
        Assert.Null(usage.CloudTrailEventId);
        if (requestId is not null) Assert.Equal(requestId, usage.KmsRequestId);
    }

    private static async Task AssertNeverUsed(AmazonKeyManagementServiceClient client, string keyId)
    {
        var usage = (await LastUsage(client, keyId)).KeyLastUsage;
        Assert.Null(usage?.Operation);
        Assert.Null(usage?.Timestamp);
    }

    [Fact]
    public async Task NewKey_NotUsed_EmptyLastUsageTrackedSinceCreation()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var response = await LastUsage(client, key.Arn);
        Assert.Equal(key.KeyId, response.KeyId);
        Assert.Equal(key.CreationDate, response.KeyCreationDate);
        Assert.Equal(key.CreationDate, response.TrackingStartDate);
        await AssertNeverUsed(client, key.KeyId);
    }

    [Fact]
    public async Task SymmetricOperations_EachRecordedWithItsTimeAndRequestId()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = (await kms.CreateKeyAsync(client)).KeyId;
        var other = (await kms.CreateKeyAsync(client)).KeyId;

        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        var encrypted = await client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message) });
        await AssertUsed(client, key, "Encrypt", kms.Clock.GetUtcNow(), encrypted.ResponseMetadata.RequestId);

        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.DecryptAsync(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob });
        await AssertUsed(client, key, "Decrypt", kms.Clock.GetUtcNow());

        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key, NumberOfBytes = 32 });
        await AssertUsed(client, key, "GenerateDataKey", kms.Clock.GetUtcNow());

        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.GenerateDataKeyWithoutPlaintextAsync(new GenerateDataKeyWithoutPlaintextRequest { KeyId = key, NumberOfBytes = 32 });
        await AssertUsed(client, key, "GenerateDataKeyWithoutPlaintext", kms.Clock.GetUtcNow());

        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.GenerateDataKeyPairAsync(new GenerateDataKeyPairRequest { KeyId = key, KeyPairSpec = DataKeyPairSpec.ECC_NIST_P256 });
        await AssertUsed(client, key, "GenerateDataKeyPair", kms.Clock.GetUtcNow());

        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.GenerateDataKeyPairWithoutPlaintextAsync(new GenerateDataKeyPairWithoutPlaintextRequest { KeyId = key, KeyPairSpec = DataKeyPairSpec.ECC_NIST_P256 });
        await AssertUsed(client, key, "GenerateDataKeyPairWithoutPlaintext", kms.Clock.GetUtcNow());

        // ReEncrypt is a use of both keys, recorded for each.
        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.ReEncryptAsync(new ReEncryptRequest { CiphertextBlob = encrypted.CiphertextBlob, DestinationKeyId = other });
        await AssertUsed(client, key, "ReEncrypt", kms.Clock.GetUtcNow());
        await AssertUsed(client, other, "ReEncrypt", kms.Clock.GetUtcNow());
    }

    [Fact]
    public async Task SigningAndMacOperations_EachRecorded()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var signing = (await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY })).KeyId;
        var hmac = (await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC })).KeyId;

        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        var signature = (await client.SignAsync(new SignRequest { KeyId = signing, Message = new MemoryStream(Message), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 })).Signature;
        await AssertUsed(client, signing, "Sign", kms.Clock.GetUtcNow());
        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.VerifyAsync(new VerifyRequest { KeyId = signing, Message = new MemoryStream(Message), Signature = signature, SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 });
        await AssertUsed(client, signing, "Verify", kms.Clock.GetUtcNow());

        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        var mac = (await client.GenerateMacAsync(new GenerateMacRequest { KeyId = hmac, Message = new MemoryStream(Message), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 })).Mac;
        await AssertUsed(client, hmac, "GenerateMac", kms.Clock.GetUtcNow());
        kms.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.VerifyMacAsync(new VerifyMacRequest { KeyId = hmac, Message = new MemoryStream(Message), Mac = mac, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 });
        await AssertUsed(client, hmac, "VerifyMac", kms.Clock.GetUtcNow());
    }

    [Fact]
    public async Task NonCryptographicOperations_NotRecorded()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = (await kms.CreateKeyAsync(client)).KeyId;
        var signing = (await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.RSA_2048, KeyUsage = KeyUsageType.SIGN_VERIFY })).KeyId;
        await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key });
        await client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key });
        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key });
        await client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key });
        await client.TagResourceAsync(new TagResourceRequest { KeyId = key, Tags = [new Tag { TagKey = "a", TagValue = "b" }] });
        await client.CreateGrantAsync(new CreateGrantRequest { KeyId = key, GranteePrincipal = LocalKmsHarness.PrincipalB.PrincipalArn, Operations = ["Decrypt"] });
        await client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = signing });
        await client.DisableKeyAsync(new DisableKeyRequest { KeyId = key });
        await AssertNeverUsed(client, key);
        await AssertNeverUsed(client, signing);
    }

    [Fact]
    public async Task FailedOperations_NotRecorded()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = (await kms.CreateKeyAsync(client)).KeyId;
        var hmac = (await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC })).KeyId;
        var signing = (await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY })).KeyId;
        var encrypted = await client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message), EncryptionContext = new() { ["app"] = "a" } });
        var used = kms.Clock.GetUtcNow();
        kms.Clock.Advance(TimeSpan.FromMinutes(1));

        await KmsAssert.FailsWith("InvalidCiphertextException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob }));
        await KmsAssert.FailsWith("DryRunOperationException", () => client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message), DryRun = true }));
        await KmsAssert.FailsWith("AccessDeniedException", () => kms.ClientB().EncryptAsync(new EncryptRequest { KeyId = KeyArn(key), Plaintext = new MemoryStream(Message) }));
        await KmsAssert.FailsWith("KMSInvalidMacException", () => client.VerifyMacAsync(new VerifyMacRequest
        {
            KeyId = hmac, Message = new MemoryStream(Message), Mac = new MemoryStream(new byte[32]), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256,
        }));
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => client.VerifyAsync(new VerifyRequest
        {
            KeyId = signing, Message = new MemoryStream(Message), Signature = new MemoryStream(new byte[64]), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256,
        }));
        await client.DisableKeyAsync(new DisableKeyRequest { KeyId = key });
        await KmsAssert.FailsWith("DisabledException", () => client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message) }));

        await AssertUsed(client, key, "Encrypt", used);
        await AssertNeverUsed(client, hmac);
        await AssertNeverUsed(client, signing);
    }

    private static string KeyArn(string keyId) => $"arn:aws:kms:us-east-1:{LocalKmsPrincipal.Default.Account}:key/{keyId}";

    [Fact]
    public async Task GetKeyLastUsage_KeyInAnyState_Answers()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = (await kms.CreateKeyAsync(client)).KeyId;
        await client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message) });
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key, PendingWindowInDays = 7 });
        await AssertUsed(client, key, "Encrypt", kms.Clock.GetUtcNow());
    }

    [Fact]
    public async Task GetKeyLastUsage_AliasOrUnknownKeyOrNoKeyId_Errors()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = (await kms.CreateKeyAsync(client)).KeyId;
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/usage", TargetKeyId = key });
        await KmsAssert.FailsWith("NotFoundException", () => LastUsage(client, "alias/usage"));
        await KmsAssert.FailsWith("NotFoundException", () => LastUsage(client, "1234abcd-12ab-34cd-56ef-1234567890ab"));
        await KmsAssert.FailsWith("ValidationException", () => LastUsage(client, null!));
        await KmsAssert.FailsWith("AccessDeniedException", () => LastUsage(kms.ClientB(), KeyArn(key)));
    }

    [Fact]
    public async Task MultiRegionKey_PrimaryAndReplicaTrackedApart()
    {
        using var kms = new LocalKmsHarness();
        var east = kms.Client();
        var primary = (await kms.CreateKeyAsync(east, new CreateKeyRequest { MultiRegion = true })).KeyId;
        await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary, ReplicaRegion = "eu-west-1" });
        await east.EncryptAsync(new EncryptRequest { KeyId = primary, Plaintext = new MemoryStream(Message) });
        await AssertUsed(east, primary, "Encrypt", kms.Clock.GetUtcNow());
        await AssertNeverUsed(kms.Client("eu-west-1"), primary);
    }

    [Fact]
    public async Task Restart_AfterClose_UsageKept()
    {
        string key;
        DateTimeOffset used;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var client = kms.Client();
            key = (await kms.CreateKeyAsync(client)).KeyId;
            await client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message) });
            used = kms.Clock.GetUtcNow();
        }
        using (var kms = new LocalKmsHarness(StatePath))
        {
            await AssertUsed(kms.Client(), key, "Encrypt", used);
        }
    }

    [Fact]
    public async Task Restart_AfterCrash_UsageSavedWithTheNextChangeKept()
    {
        var crashed = Path.Combine(Folder, "crashed");
        Directory.CreateDirectory(crashed);
        string key;
        DateTimeOffset used;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var client = kms.Client();
            key = (await kms.CreateKeyAsync(client)).KeyId;
            await client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message) });
            used = kms.Clock.GetUtcNow();
            kms.Clock.Advance(TimeSpan.FromMinutes(1));
            await client.UpdateKeyDescriptionAsync(new UpdateKeyDescriptionRequest { KeyId = key, Description = "a saved change" });
            // The files as a crash would leave them: no closing save.
            foreach (var file in new[] { StatePath, kms.Service.File!.JournalPath }) File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
        }
        using (var kms = new LocalKmsHarness(Path.Combine(crashed, "state.json")))
        {
            await AssertUsed(kms.Client(), key, "Encrypt", used);
        }
    }

    [Fact]
    public async Task DiskFull_CryptographyGoesOnAndUsageIsSavedLater()
    {
        string key;
        DateTimeOffset used;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var client = kms.Client();
            key = (await kms.CreateKeyAsync(client)).KeyId;
            await client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message) });
            kms.Service.File!.BeforeWrite = path => throw new IOException($"No space left on device : '{path}'");
            await KmsAssert.FailsWith("LocalStateNotSavedException",
                () => client.UpdateKeyDescriptionAsync(new UpdateKeyDescriptionRequest { KeyId = key, Description = "not saved" }));
            // The failed change makes the next request take the write lock, where the usage cannot be saved either.
            kms.Clock.Advance(TimeSpan.FromMinutes(1));
            await client.EncryptAsync(new EncryptRequest { KeyId = key, Plaintext = new MemoryStream(Message) });
            used = kms.Clock.GetUtcNow();
            await AssertUsed(client, key, "Encrypt", used);
            kms.Service.File.BeforeWrite = null;
        }
        using (var kms = new LocalKmsHarness(StatePath))
        {
            await AssertUsed(kms.Client(), key, "Encrypt", used);
        }
    }

    [Fact]
    public async Task StateSavedBeforeUsageTracking_TrackingStartsWhenOpened()
    {
        DateTimeOffset created;
        string key;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var metadata = await kms.CreateKeyAsync();
            (key, created) = (metadata.KeyId, metadata.CreationDate!.Value);
        }
        var snapshot = JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();
        Assert.True(snapshot.Remove("UsageTrackingStartDate"));
        File.WriteAllText(StatePath, snapshot.ToJsonString());

        var opened = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        using (var kms = new LocalKmsHarness(StatePath, clock: new LocalKmsClock(opened)))
        {
            var response = await LastUsage(kms.Client(), key);
            Assert.Equal(created.UtcDateTime, response.KeyCreationDate?.ToUniversalTime());
            Assert.Equal(opened.UtcDateTime, response.TrackingStartDate?.ToUniversalTime());
        }
    }
}
