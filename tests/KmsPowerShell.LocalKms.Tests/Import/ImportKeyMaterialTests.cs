using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Tests.Import;

public sealed class ImportKeyMaterialTests
{
    [Theory]
    [InlineData("SYMMETRIC_DEFAULT", null)]
    [InlineData("HMAC_384", "GENERATE_VERIFY_MAC")]
    [InlineData("RSA_3072", "ENCRYPT_DECRYPT")]
    [InlineData("ECC_SECG_P256K1", "SIGN_VERIFY")]
    public async Task CreateKey_External_PendingImportWithoutMaterial(string spec, string? usage)
    {
        using var kms = new LocalKmsHarness();
        var key = await ImportSteps.CreateExternalKeyAsync(kms.Client(), spec, usage);
        Assert.Equal(OriginType.EXTERNAL, key.Origin);
        Assert.Equal(KeyState.PendingImport, key.KeyState);
        Assert.False(key.Enabled);
        Assert.Null(key.CurrentKeyMaterialId);
        Assert.Null(key.ExpirationModel);
        await KmsAssert.FailsWith("KMSInvalidStateException", () => kms.Client().EnableKeyAsync(new EnableKeyRequest { KeyId = key.KeyId }));
        await KmsAssert.FailsWith("KMSInvalidStateException", () => kms.Client().DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId }));
    }

    [Fact]
    public async Task Encrypt_KeyPendingImport_KmsInvalidStateException()
    {
        using var kms = new LocalKmsHarness();
        var key = await ImportSteps.CreateExternalKeyAsync(kms.Client());
        var error = await KmsAssert.FailsWith("KMSInvalidStateException",
            () => kms.Client().EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = new MemoryStream([1]) }));
        Assert.Equal($"{key.Arn} is pending import.", error.Message);
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_1")]
    [InlineData("RSAES_OAEP_SHA_256")]
    public async Task ImportKeyMaterial_SymmetricKey_EncryptsAndDecryptsWithTheMaterial(string algorithm)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var imported = await ImportSteps.ImportAsync(client, key.KeyId, RandomNumberGenerator.GetBytes(32), algorithm);
        var described = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata;
        Assert.Equal(KeyState.Enabled, described.KeyState);
        Assert.Equal(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, described.ExpirationModel);
        Assert.Equal(imported.KeyMaterialId, described.CurrentKeyMaterialId);
        Assert.Equal(key.Arn, imported.KeyId);
        var ciphertext = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = new MemoryStream([7, 8]) })).CiphertextBlob;
        var plain = await client.DecryptAsync(new DecryptRequest { CiphertextBlob = ciphertext });
        Assert.Equal(new byte[] { 7, 8 }, plain.Plaintext.ToArray());
    }

    [Theory]
    [InlineData("RSA_AES_KEY_WRAP_SHA_1")]
    [InlineData("RSA_AES_KEY_WRAP_SHA_256")]
    public async Task ImportKeyMaterial_RsaSigningKey_SignsWithTheImportedPrivateKey(string algorithm)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client, "RSA_2048", "SIGN_VERIFY");
        using var rsa = RSA.Create(2048);
        await ImportSteps.ImportAsync(client, key.KeyId, rsa.ExportPkcs8PrivateKey(), algorithm);
        var signature = (await client.SignAsync(new SignRequest
        {
            KeyId = key.KeyId, Message = new MemoryStream([1, 2, 3]), SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PSS_SHA_256,
        })).Signature.ToArray();
        Assert.True(rsa.VerifyData(new byte[] { 1, 2, 3 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", "RSA_3072")]
    [InlineData("RSA_AES_KEY_WRAP_SHA_256", "RSA_2048")]
    public async Task ImportKeyMaterial_EccKey_PublicKeyIsTheImportedOnes(string algorithm, string wrappingKeySpec)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client, "ECC_NIST_P521", "SIGN_VERIFY");
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var parameters = await ImportSteps.ParametersAsync(client, key.KeyId, algorithm, wrappingKeySpec);
        await client.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = key.KeyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = new MemoryStream(ImportSteps.Wrap(parameters.PublicKey.ToArray(), algorithm, ecdsa.ExportPkcs8PrivateKey())),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        });
        var publicKey = (await client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId })).PublicKey.ToArray();
        Assert.Equal(ecdsa.ExportSubjectPublicKeyInfo(), publicKey);
    }

    [Theory]
    [InlineData("ECC_NIST_EDWARDS25519", "RSAES_OAEP_SHA_256")]
    [InlineData("SM2", "RSAES_OAEP_SHA_256")]
    [InlineData("ML_DSA_44", "RSA_AES_KEY_WRAP_SHA_256")]
    public async Task ImportKeyMaterial_Ed25519MlDsaSm2Key_PublicKeyIsTheImportedOnes_AndAnotherSpecsMaterialIsIncorrect(string spec, string algorithm)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client, spec, "SIGN_VERIFY");
        var pkcs8 = BcKeyPairs.NewPkcs8(KmsKeySpec.Find(spec)!);
        var otherSpecs = BcKeyPairs.NewPkcs8(KmsKeySpec.Find(spec == "ECC_NIST_EDWARDS25519" ? "SM2" : "ECC_NIST_EDWARDS25519")!);

        await KmsAssert.FailsWith("IncorrectKeyMaterialException", () => ImportSteps.ImportAsync(client, key.KeyId, otherSpecs, algorithm));
        await ImportSteps.ImportAsync(client, key.KeyId, pkcs8, algorithm);

        using var material = BcAsymmetricKey.Load(new StoredKeyMaterial { Secret = pkcs8 });
        Assert.Equal(material.PublicKey(), (await client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId })).PublicKey.ToArray());
    }

    [Fact]
    public async Task ImportKeyMaterial_HmacKey_MacIsTheHmacOfTheMaterial()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client, "HMAC_256", "GENERATE_VERIFY_MAC");
        var material = RandomNumberGenerator.GetBytes(48);
        await ImportSteps.ImportAsync(client, key.KeyId, material, "RSAES_OAEP_SHA_1");
        var mac = await client.GenerateMacAsync(new GenerateMacRequest { KeyId = key.KeyId, Message = new MemoryStream([9]), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 });
        Assert.Equal(HMACSHA256.HashData(material, new byte[] { 9 }), mac.Mac.ToArray());
    }

    [Theory]
    [InlineData("HMAC_256", "GENERATE_VERIFY_MAC", "ImportType")]
    [InlineData("HMAC_256", "GENERATE_VERIFY_MAC", "KeyMaterialId")]
    [InlineData("ECC_NIST_P256", "SIGN_VERIFY", "ImportType")]
    [InlineData("ECC_NIST_P256", "SIGN_VERIFY", "KeyMaterialDescription")]
    public async Task ImportKeyMaterial_SymmetricOnlyParameterForAnotherKey_ValidationException(string spec, string usage, string parameter)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client, spec, usage);
        byte[] material;
        if (spec == "HMAC_256") material = RandomNumberGenerator.GetBytes(32);
        else
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            material = ecdsa.ExportPkcs8PrivateKey();
        }
        var error = await KmsAssert.FailsWith("ValidationException", () => ImportSteps.ImportAsync(client, key.KeyId, material, adjust: request =>
        {
            if (parameter == "ImportType") request.ImportType = ImportType.NEW_KEY_MATERIAL;
            if (parameter == "KeyMaterialId") request.KeyMaterialId = new string('a', 64);
            if (parameter == "KeyMaterialDescription") request.KeyMaterialDescription = "first";
        }));
        Assert.Contains("only usable with symmetric encryption keys", error.Message);
        Assert.Equal(KeyState.PendingImport, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
    }

    [Theory]
    [InlineData("SYMMETRIC_DEFAULT", null, "RSAES_PKCS1_V1_5", "RSA_2048")]
    [InlineData("SYMMETRIC_DEFAULT", null, "SM2PKE", "RSA_2048")]
    [InlineData("SYMMETRIC_DEFAULT", null, "RSAES_OAEP_SHA_256", "SM2")]
    [InlineData("SYMMETRIC_DEFAULT", null, "RSA_AES_KEY_WRAP_SHA_256", "RSA_4096")]
    [InlineData("HMAC_512", "GENERATE_VERIFY_MAC", "RSA_AES_KEY_WRAP_SHA_1", "RSA_4096")]
    [InlineData("RSA_2048", "SIGN_VERIFY", "RSAES_OAEP_SHA_256", "RSA_4096")]
    [InlineData("ECC_NIST_P521", "SIGN_VERIFY", "RSAES_OAEP_SHA_1", "RSA_2048")]
    public async Task GetParametersForImport_CombinationAwsRefuses_ValidationException(string spec, string? usage, string algorithm, string wrappingKeySpec)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client, spec, usage);
        await KmsAssert.FailsWith("ValidationException", () => ImportSteps.ParametersAsync(client, key.KeyId, algorithm, wrappingKeySpec));
    }

    [Fact]
    public async Task GetParametersForImport_AnswersAsTheApiReference()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var parameters = await ImportSteps.ParametersAsync(client, key.KeyId, wrappingKeySpec: "RSA_3072");
        Assert.Equal(key.Arn, parameters.KeyId);
        Assert.Equal(kms.Clock.GetUtcNow().AddHours(24).UtcDateTime, parameters.ParametersValidTo!.Value.ToUniversalTime());
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(parameters.PublicKey.ToArray(), out _);
        Assert.Equal(3072, rsa.KeySize);
    }

    [Fact]
    public async Task ImportOperations_KeyNotExternal_UnsupportedOperationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync();
        await KmsAssert.FailsWith("UnsupportedOperationException", () => ImportSteps.ParametersAsync(client, key.KeyId));
        await KmsAssert.FailsWith("UnsupportedOperationException", () => client.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId }));
        var external = await ImportSteps.CreateExternalKeyAsync(client);
        var parameters = await ImportSteps.ParametersAsync(client, external.KeyId);
        await KmsAssert.FailsWith("UnsupportedOperationException", () => client.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = key.KeyId, ImportToken = parameters.ImportToken, EncryptedKeyMaterial = new MemoryStream([1]),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        }));
    }

    [Fact]
    public async Task ImportOperations_KeyPendingDeletion_KmsInvalidStateException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var parameters = await ImportSteps.ParametersAsync(client, key.KeyId);
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });
        await KmsAssert.FailsWith("KMSInvalidStateException", () => ImportSteps.ParametersAsync(client, key.KeyId));
        await KmsAssert.FailsWith("KMSInvalidStateException", () => client.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = key.KeyId, ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = new MemoryStream(ImportSteps.Wrap(parameters.PublicKey.ToArray(), "RSAES_OAEP_SHA_256", new byte[32])),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        }));
        await KmsAssert.FailsWith("KMSInvalidStateException", () => client.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId }));
        await client.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = key.KeyId });
        Assert.Equal(KeyState.PendingImport, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
    }

    [Fact]
    public async Task ImportKeyMaterial_TokenOfAnotherKeyOrEdited_InvalidImportTokenException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var other = await ImportSteps.CreateExternalKeyAsync(client);
        var parameters = await ImportSteps.ParametersAsync(client, other.KeyId);
        var wrapped = ImportSteps.Wrap(parameters.PublicKey.ToArray(), "RSAES_OAEP_SHA_256", new byte[32]);
        await KmsAssert.FailsWith("InvalidImportTokenException", () => Import(client, key.KeyId, parameters.ImportToken, wrapped));
        var edited = parameters.ImportToken.ToArray();
        edited[^1] ^= 1;
        await KmsAssert.FailsWith("InvalidImportTokenException", () => Import(client, other.KeyId, new MemoryStream(edited), wrapped));
    }

    [Fact]
    public async Task ImportKeyMaterial_TokenOlderThan24Hours_ExpiredImportTokenException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var parameters = await ImportSteps.ParametersAsync(client, key.KeyId);
        var wrapped = ImportSteps.Wrap(parameters.PublicKey.ToArray(), "RSAES_OAEP_SHA_256", new byte[32]);
        kms.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await KmsAssert.FailsWith("ExpiredImportTokenException", () => Import(client, key.KeyId, parameters.ImportToken, wrapped));
    }

    [Fact]
    public async Task ImportKeyMaterial_MaterialThatDoesNotFitOrUnwrap_AnswersAsAws()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        await KmsAssert.FailsWith("IncorrectKeyMaterialException", () => ImportSteps.ImportAsync(client, key.KeyId, new byte[16]));
        var parameters = await ImportSteps.ParametersAsync(client, key.KeyId);
        await KmsAssert.FailsWith("InvalidCiphertextException", () => Import(client, key.KeyId, parameters.ImportToken, new byte[256]));
        var rsaKey = await ImportSteps.CreateExternalKeyAsync(client, "RSA_3072", "SIGN_VERIFY");
        using var rsa = RSA.Create(2048);
        await KmsAssert.FailsWith("IncorrectKeyMaterialException", () => ImportSteps.ImportAsync(client, rsaKey.KeyId, rsa.ExportPkcs8PrivateKey(), "RSA_AES_KEY_WRAP_SHA_256"));
    }

    [Fact]
    public async Task ImportKeyMaterial_ExpirationParameters_ValidatedAsTheApiReference()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var now = kms.Clock.GetUtcNow().UtcDateTime;
        await KmsAssert.FailsWith("ValidationException", () => ImportSteps.ImportAsync(client, key.KeyId, new byte[32],
            adjust: r => r.ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES));
        await KmsAssert.FailsWith("ValidationException", () => ImportSteps.ImportAsync(client, key.KeyId, new byte[32],
            adjust: r => r.ValidTo = now.AddDays(1)));
        await KmsAssert.FailsWith("ValidationException", () => ImportSteps.ImportAsync(client, key.KeyId, new byte[32],
            adjust: r => { r.ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES; r.ValidTo = now.AddDays(366); }));
    }

    [Fact]
    public async Task ReImport_DifferentMaterial_IncorrectKeyMaterialException_SameMaterialAfterDeletion_OldCiphertextsDecrypt()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var material = RandomNumberGenerator.GetBytes(32);
        var first = await ImportSteps.ImportAsync(client, key.KeyId, material);
        var ciphertext = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = new MemoryStream([5]) })).CiphertextBlob.ToArray();

        await KmsAssert.FailsWith("NotFoundException", () => client.DeleteImportedKeyMaterialAsync(
            new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId, KeyMaterialId = new string('a', 64) }));
        var deleted = await client.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId });
        Assert.Equal(first.KeyMaterialId, deleted.KeyMaterialId);
        Assert.Equal(KeyState.PendingImport, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
        await KmsAssert.FailsWith("KMSInvalidStateException", () => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(ciphertext) }));

        await KmsAssert.FailsWith("IncorrectKeyMaterialException", () => ImportSteps.ImportAsync(client, key.KeyId, RandomNumberGenerator.GetBytes(32)));
        var again = await ImportSteps.ImportAsync(client, key.KeyId, material, adjust: r => r.KeyMaterialId = first.KeyMaterialId);
        Assert.Equal(first.KeyMaterialId, again.KeyMaterialId);
        Assert.Equal(new byte[] { 5 }, (await client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(ciphertext) })).Plaintext.ToArray());
    }

    [Fact]
    public async Task ImportedMaterial_ExpiresOnTheClock_KeyPendingImportUntilReimported()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var material = RandomNumberGenerator.GetBytes(32);
        var validTo = kms.Clock.GetUtcNow().AddHours(2).UtcDateTime;
        await ImportSteps.ImportAsync(client, key.KeyId, material,
            adjust: r => { r.ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES; r.ValidTo = validTo; });
        var described = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata;
        Assert.Equal(ExpirationModelType.KEY_MATERIAL_EXPIRES, described.ExpirationModel);
        Assert.Equal(validTo, described.ValidTo!.Value.ToUniversalTime());

        kms.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(KeyState.PendingImport, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
        await KmsAssert.FailsWith("KMSInvalidStateException",
            () => client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = new MemoryStream([1]) }));

        await ImportSteps.ImportAsync(client, key.KeyId, material);
        Assert.Equal(KeyState.Enabled, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
    }

    [Fact]
    public async Task NewKeyMaterial_RotatesOnDemandOnly_AndListKeyRotationsShowsImportState()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var first = await ImportSteps.ImportAsync(client, key.KeyId, RandomNumberGenerator.GetBytes(32));
        var old = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = new MemoryStream([3]) })).CiphertextBlob.ToArray();
        await KmsAssert.FailsWith("UnsupportedOperationException", () => client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId }));
        await KmsAssert.FailsWith("UnsupportedOperationException", () => client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId }));

        var second = await ImportSteps.ImportAsync(client, key.KeyId, RandomNumberGenerator.GetBytes(32), adjust: r =>
        {
            r.ImportType = ImportType.NEW_KEY_MATERIAL;
            r.KeyMaterialDescription = "second";
        });
        var listed = await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = key.KeyId, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL });
        Assert.Equal([first.KeyMaterialId, second.KeyMaterialId], listed.Rotations.Select(r => r.KeyMaterialId));
        Assert.Equal(["CURRENT", "PENDING_ROTATION"], listed.Rotations.Select(r => r.KeyMaterialState.Value));
        Assert.All(listed.Rotations, r => Assert.Equal("IMPORTED", r.ImportState.Value));
        Assert.Equal("second", listed.Rotations[1].KeyMaterialDescription);

        await client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId });
        Assert.Equal(second.KeyMaterialId, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.CurrentKeyMaterialId);
        Assert.Equal(new byte[] { 3 }, (await client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(old) })).Plaintext.ToArray());
    }

    [Fact]
    public async Task DeleteImportedKeyMaterial_NewMaterialWaitingForRotation_DroppedKeyStaysEnabledOtherMaterialMayFollow()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await ImportSteps.CreateExternalKeyAsync(client);
        var first = await ImportSteps.ImportAsync(client, key.KeyId, RandomNumberGenerator.GetBytes(32));
        var pending = await ImportSteps.ImportAsync(client, key.KeyId, RandomNumberGenerator.GetBytes(32), adjust: r => r.ImportType = ImportType.NEW_KEY_MATERIAL);

        await client.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId, KeyMaterialId = pending.KeyMaterialId });

        Assert.Equal(KeyState.Enabled, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
        var listed = await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = key.KeyId, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL });
        Assert.Equal([first.KeyMaterialId], listed.Rotations.Select(r => r.KeyMaterialId));
        await KmsAssert.FailsWith("UnsupportedOperationException", () => client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId }));
        var other = await ImportSteps.ImportAsync(client, key.KeyId, RandomNumberGenerator.GetBytes(32), adjust: r => r.ImportType = ImportType.NEW_KEY_MATERIAL);
        await client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId });
        Assert.Equal(other.KeyMaterialId, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.CurrentKeyMaterialId);
    }

    [Fact]
    public async Task ImportedMaterial_SurvivesARestart_AndItsDeletionToo()
    {
        var folder = Directory.CreateTempSubdirectory("localkms-import-").FullName;
        try
        {
            var path = Path.Combine(folder, "state.json");
            byte[] ciphertext;
            string keyId, deletedKeyId, laterKeyId;
            GetParametersForImportResponse parameters;
            using (var kms = new LocalKmsHarness(path))
            {
                var client = kms.Client();
                keyId = (await ImportSteps.CreateExternalKeyAsync(client)).KeyId;
                await ImportSteps.ImportAsync(client, keyId, RandomNumberGenerator.GetBytes(32));
                ciphertext = (await client.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream([4]) })).CiphertextBlob.ToArray();
                deletedKeyId = (await ImportSteps.CreateExternalKeyAsync(client)).KeyId;
                await ImportSteps.ImportAsync(client, deletedKeyId, RandomNumberGenerator.GetBytes(32));
                await client.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = deletedKeyId });
                laterKeyId = (await ImportSteps.CreateExternalKeyAsync(client)).KeyId;
                parameters = await ImportSteps.ParametersAsync(client, laterKeyId);
            }
            using (var kms = new LocalKmsHarness(path))
            {
                var client = kms.Client();
                Assert.Equal(new byte[] { 4 }, (await client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(ciphertext) })).Plaintext.ToArray());
                Assert.Equal(KeyState.PendingImport, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = deletedKeyId })).KeyMetadata.KeyState);
                // An import token stays valid across a restart: it is sealed with the state's own secret.
                await Import(client, laterKeyId, parameters.ImportToken,
                    ImportSteps.Wrap(parameters.PublicKey.ToArray(), "RSAES_OAEP_SHA_256", RandomNumberGenerator.GetBytes(32)));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ReplicateKey_ImportedMaterial_ReplicaWaitsForItsOwnImportOfTheSameMaterial()
    {
        using var kms = new LocalKmsHarness();
        var east = kms.Client();
        var west = kms.Client("eu-west-1");
        var primary = (await east.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, MultiRegion = true })).KeyMetadata;
        var material = RandomNumberGenerator.GetBytes(32);
        await ImportSteps.ImportAsync(east, primary.KeyId, material);
        await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" });
        var replica = (await west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata;
        Assert.Equal(KeyState.PendingImport, replica.KeyState);
        Assert.Equal(OriginType.EXTERNAL, replica.Origin);

        await ImportSteps.ImportAsync(west, primary.KeyId, material);
        var ciphertext = (await east.EncryptAsync(new EncryptRequest { KeyId = primary.KeyId, Plaintext = new MemoryStream([6]) })).CiphertextBlob;
        Assert.Equal(new byte[] { 6 }, (await west.DecryptAsync(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext.ToArray());
    }

    private static Task<ImportKeyMaterialResponse> Import(AmazonKeyManagementServiceClient client, string keyId, MemoryStream token, byte[] wrapped) =>
        client.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = keyId, ImportToken = token, EncryptedKeyMaterial = new MemoryStream(wrapped),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        });
}
