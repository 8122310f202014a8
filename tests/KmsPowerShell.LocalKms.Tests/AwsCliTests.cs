using System.Text.Json;
using KmsPowerShell.LocalKms;
using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.LocalKms.Tests;

public sealed class AwsCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("localkms-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [AwsCliFact]
    public async Task AwsCli_CreateEncryptDecryptAndPagedListKeys_WorkAgainstTheServer()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);

        var created = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--description", "from awscli")).RootElement.GetProperty("KeyMetadata");
        var keyId = created.GetProperty("KeyId").GetString()!;
        Assert.Equal("ENCRYPT_DECRYPT", created.GetProperty("KeyUsage").GetString());
        Assert.Equal("from awscli", created.GetProperty("Description").GetString());

        await File.WriteAllBytesAsync(Path.Combine(_directory, "plain.bin"), [0, 1, 2, 250, 255]);
        var encrypted = JsonDocument.Parse(await aws.RunAsync("kms", "encrypt", "--key-id", keyId, "--plaintext", "fileb://plain.bin",
            "--encryption-context", "app=cli")).RootElement;
        await File.WriteAllBytesAsync(Path.Combine(_directory, "cipher.bin"), Convert.FromBase64String(encrypted.GetProperty("CiphertextBlob").GetString()!));
        var decrypted = JsonDocument.Parse(await aws.RunAsync("kms", "decrypt", "--ciphertext-blob", "fileb://cipher.bin",
            "--encryption-context", "app=cli")).RootElement;
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, Convert.FromBase64String(decrypted.GetProperty("Plaintext").GetString()!));
        Assert.EndsWith(keyId, decrypted.GetProperty("KeyId").GetString());

        for (var i = 0; i < 2; i++) await aws.RunAsync("kms", "create-key");
        var first = JsonDocument.Parse(await aws.RunAsync("kms", "list-keys", "--no-paginate", "--limit", "2")).RootElement;
        Assert.True(first.GetProperty("Truncated").GetBoolean());
        var rest = JsonDocument.Parse(await aws.RunAsync("kms", "list-keys", "--no-paginate", "--limit", "2",
            "--marker", first.GetProperty("NextMarker").GetString()!)).RootElement;
        Assert.False(rest.GetProperty("Truncated").GetBoolean());
        var all = first.GetProperty("Keys").EnumerateArray().Concat(rest.GetProperty("Keys").EnumerateArray()).Select(k => k.GetProperty("KeyId").GetString()).ToList();
        Assert.Equal(3, all.Distinct().Count());
        Assert.Contains(keyId, all);
    }

    [AwsCliFact]
    public async Task AwsCli_SignAndVerifyWithMlDsa()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        var created = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--key-spec", "ML_DSA_65", "--key-usage", "SIGN_VERIFY")).RootElement;
        var keyId = created.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        Assert.Equal("ML_DSA_SHAKE_256", created.GetProperty("KeyMetadata").GetProperty("SigningAlgorithms")[0].GetString());
        await File.WriteAllBytesAsync(Path.Combine(_directory, "message.bin"), "signed by awscli"u8.ToArray());

        var signed = JsonDocument.Parse(await aws.RunAsync("kms", "sign", "--key-id", keyId, "--message", "fileb://message.bin",
            "--message-type", "RAW", "--signing-algorithm", "ML_DSA_SHAKE_256")).RootElement;
        var signature = Convert.FromBase64String(signed.GetProperty("Signature").GetString()!);
        Assert.Equal(3309, signature.Length);
        await File.WriteAllBytesAsync(Path.Combine(_directory, "signature.bin"), signature);
        var verified = JsonDocument.Parse(await aws.RunAsync("kms", "verify", "--key-id", keyId, "--message", "fileb://message.bin",
            "--message-type", "RAW", "--signing-algorithm", "ML_DSA_SHAKE_256", "--signature", "fileb://signature.bin")).RootElement;
        Assert.True(verified.GetProperty("SignatureValid").GetBoolean());
    }

    /// <summary>AWS's answers as awscli prints them: the key match before the usage, and the alias name rules.</summary>
    [AwsCliFact]
    public async Task AwsCli_DecryptNamingHmacKeyAndBadAliasNames_AnswerAsAws()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        var keyId = JsonDocument.Parse(await aws.RunAsync("kms", "create-key")).RootElement.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        var hmacKeyId = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--key-spec", "HMAC_256", "--key-usage", "GENERATE_VERIFY_MAC"))
            .RootElement.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await File.WriteAllBytesAsync(Path.Combine(_directory, "plain.bin"), [1, 2, 3]);
        var encrypted = JsonDocument.Parse(await aws.RunAsync("kms", "encrypt", "--key-id", keyId, "--plaintext", "fileb://plain.bin")).RootElement;
        await File.WriteAllBytesAsync(Path.Combine(_directory, "cipher.bin"), Convert.FromBase64String(encrypted.GetProperty("CiphertextBlob").GetString()!));

        Assert.Equal("An error occurred (IncorrectKeyException) when calling the Decrypt operation: " + SymmetricCryptoTests.IncorrectKeyMessage,
            ErrorLine(await aws.FailAsync("kms", "decrypt", "--ciphertext-blob", "fileb://cipher.bin", "--key-id", hmacKeyId)));
        Assert.Equal("An error occurred (IncorrectKeyException) when calling the ReEncrypt operation: " + SymmetricCryptoTests.IncorrectKeyMessage,
            ErrorLine(await aws.FailAsync("kms", "re-encrypt", "--ciphertext-blob", "fileb://cipher.bin", "--source-key-id", hmacKeyId, "--destination-key-id", keyId)));
        foreach (var name in new[] { "wrongprefix/x", "abc" })
        {
            Assert.Equal("An error occurred (ValidationException) when calling the CreateAlias operation: " + AliasTests.PrefixMessage,
                ErrorLine(await aws.FailAsync("kms", "create-alias", "--alias-name", name, "--target-key-id", keyId)));
        }
        Assert.Equal("An error occurred (ValidationException) when calling the CreateAlias operation: alias/my:alias contains invalid characters for an alias",
            ErrorLine(await aws.FailAsync("kms", "create-alias", "--alias-name", "alias/my:alias", "--target-key-id", keyId)));
    }

    /// <summary>AWS's texts for a reserved tag and a data key of no size, as awscli prints them.</summary>
    [AwsCliFact]
    public async Task AwsCli_ReservedTagAndDataKeyWithoutSize_AnswerAsAws()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        var keyId = JsonDocument.Parse(await aws.RunAsync("kms", "create-key")).RootElement.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        Assert.Equal("An error occurred (TagException) when calling the TagResource operation: Tags beginning with aws: are reserved",
            ErrorLine(await aws.FailAsync("kms", "tag-resource", "--key-id", keyId, "--tags", "TagKey=aws:owner,TagValue=x")));
        Assert.Equal("An error occurred (ValidationException) when calling the GenerateDataKey operation: Please specify either number of bytes or key spec.",
            ErrorLine(await aws.FailAsync("kms", "generate-data-key", "--key-id", keyId)));
    }

    /// <summary>Answers recorded against AWS (LocalStack's snapshot tests), as awscli prints them.</summary>
    [AwsCliFact]
    public async Task AwsCli_KeyArnOfAnotherRegionAndAsymmetricKeyWithoutUsage_AnswerAsAws()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        var westArn = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--region", "eu-west-1")).RootElement
            .GetProperty("KeyMetadata").GetProperty("Arn").GetString()!;

        Assert.Equal("An error occurred (NotFoundException) when calling the DescribeKey operation: Invalid arn eu-west-1",
            ErrorLine(await aws.FailAsync("kms", "describe-key", "--key-id", westArn)));
        Assert.Equal("An error occurred (ValidationException) when calling the CreateKey operation: " +
            "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.",
            ErrorLine(await aws.FailAsync("kms", "create-key", "--key-spec", "HMAC_256")));
    }

    /// <summary>AWS's answers as awscli prints them: a ciphertext of another Region, and GenerateRandom without a length.</summary>
    [AwsCliFact]
    public async Task AwsCli_DecryptInAnotherRegionAndGenerateRandomWithoutLength_AnswerAsAws()
    {
        using var kms = new LocalKmsHarness();
        await using var server = new LocalKmsServer(kms.Service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        // The ciphertext is made in process: each awscli run costs seconds.
        var key = await kms.CreateKeyAsync();
        var encrypted = await kms.Client().EncryptAsync(new Amazon.KeyManagementService.Model.EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("s") });
        await File.WriteAllBytesAsync(Path.Combine(_directory, "cipher.bin"), encrypted.CiphertextBlob.ToArray());

        Assert.Equal("An error occurred (AccessDeniedException) when calling the Decrypt operation: " + SymmetricCryptoTests.CiphertextKeyUnreachable,
            ErrorLine(await aws.FailAsync("kms", "decrypt", "--ciphertext-blob", "fileb://cipher.bin", "--region", "eu-west-1")));
        Assert.Equal("An error occurred (ValidationException) when calling the GenerateRandom operation: NumberOfBytes is required.",
            ErrorLine(await aws.FailAsync("kms", "generate-random")));
    }

    /// <summary>awscli's error line without the retry count it adds in standard retry mode.</summary>
    private static string ErrorLine(string stderr) => System.Text.RegularExpressions.Regex.Replace(stderr.Trim(), @" \(reached max retries: \d+\)", "");

    [AwsCliFact]
    public async Task AwsCli_RotateKeyOnDemandReplicateKeyAndAwsManagedAlias_AnswerAsAws()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);

        var key = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--multi-region")).RootElement.GetProperty("KeyMetadata");
        var rotated = JsonDocument.Parse(await aws.RunAsync("kms", "rotate-key-on-demand", "--key-id", key.GetProperty("KeyId").GetString()!)).RootElement;
        Assert.Equal(key.GetProperty("Arn").GetString(), rotated.GetProperty("KeyId").GetString());

        var replicated = JsonDocument.Parse(await aws.RunAsync("kms", "replicate-key", "--key-id", key.GetProperty("KeyId").GetString()!,
            "--replica-region", "eu-west-1")).RootElement;
        Assert.False(replicated.TryGetProperty("ReplicaTags", out _));
        var replica = replicated.GetProperty("ReplicaKeyMetadata");
        Assert.Equal("Creating", replica.GetProperty("KeyState").GetString());
        Assert.False(replica.GetProperty("Enabled").GetBoolean());
        Assert.False(replica.TryGetProperty("CurrentKeyMaterialId", out _));

        var managed = JsonDocument.Parse(await aws.RunAsync("kms", "describe-key", "--key-id", "alias/aws/s3")).RootElement.GetProperty("KeyMetadata");
        Assert.Equal("AWS", managed.GetProperty("KeyManager").GetString());
        var aliases = JsonDocument.Parse(await aws.RunAsync("kms", "list-aliases")).RootElement.GetProperty("Aliases");
        // The other predefined aliases are listed without TargetKeyId until their AWS managed key is made.
        var alias = Assert.Single(aliases.EnumerateArray(), a => a.TryGetProperty("TargetKeyId", out _));
        Assert.Equal("alias/aws/s3", alias.GetProperty("AliasName").GetString());
        Assert.Equal(managed.GetProperty("KeyId").GetString(), alias.GetProperty("TargetKeyId").GetString());
        Assert.Contains(aliases.EnumerateArray(), a => a.GetProperty("AliasName").GetString() == "alias/aws/ebs" && !a.TryGetProperty("CreationDate", out _));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => aws.RunAsync("kms", "enable-key-rotation", "--key-id", managed.GetProperty("KeyId").GetString()!));
        Assert.Contains("An error occurred (AccessDeniedException) when calling the EnableKeyRotation operation", refused.Message);
        Assert.Contains(": User: " +
            $"{LocalKmsPrincipal.DefaultPrincipalArn} is not authorized to perform: kms:EnableKeyRotation on resource: " +
            $"{managed.GetProperty("Arn").GetString()} because no resource-based policy allows the kms:EnableKeyRotation action\n", refused.Message);
    }

    [AwsCliFact]
    public async Task AwsCli_SignDigestAndVerify_OpenSslAgreesWithThePublicKey()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        var keyId = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--key-spec", "ECC_NIST_P384", "--key-usage", "SIGN_VERIFY"))
            .RootElement.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        var message = "signed through awscli"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(_directory, "message.txt"), message);
        await File.WriteAllBytesAsync(Path.Combine(_directory, "digest.bin"), System.Security.Cryptography.SHA384.HashData(message));

        var signed = JsonDocument.Parse(await aws.RunAsync("kms", "sign", "--key-id", keyId, "--message", "fileb://digest.bin",
            "--message-type", "DIGEST", "--signing-algorithm", "ECDSA_SHA_384")).RootElement;
        var signature = Convert.FromBase64String(signed.GetProperty("Signature").GetString()!);
        await File.WriteAllBytesAsync(Path.Combine(_directory, "sig.bin"), signature);
        var verified = JsonDocument.Parse(await aws.RunAsync("kms", "verify", "--key-id", keyId, "--message", "fileb://message.txt",
            "--signing-algorithm", "ECDSA_SHA_384", "--signature", "fileb://sig.bin")).RootElement;
        Assert.True(verified.GetProperty("SignatureValid").GetBoolean());

        var publicKey = JsonDocument.Parse(await aws.RunAsync("kms", "get-public-key", "--key-id", keyId)).RootElement.GetProperty("PublicKey").GetString()!;
        using var openssl = new OpenSsl();
        var pem = openssl.WritePublicKeyPem("pub.pem", Convert.FromBase64String(publicKey));
        var (exitCode, output) = openssl.Run("dgst", "-sha384", "-verify", pem, "-signature", openssl.Write("sig.bin", signature), openssl.Write("message.txt", message));
        Assert.True(exitCode == 0, output);
    }
}
