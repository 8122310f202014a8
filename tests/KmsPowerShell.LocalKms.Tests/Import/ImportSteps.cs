using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms.KeyMaterial;

namespace KmsPowerShell.LocalKms.Tests.Import;

/// <summary>The client's side of an import, done in .NET: create an EXTERNAL key, get parameters, wrap, import.</summary>
internal static class ImportSteps
{
    public static async Task<KeyMetadata> CreateExternalKeyAsync(AmazonKeyManagementServiceClient client, string spec = "SYMMETRIC_DEFAULT", string? usage = null) =>
        (await client.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, KeySpec = spec, KeyUsage = usage })).KeyMetadata;

    public static Task<GetParametersForImportResponse> ParametersAsync(AmazonKeyManagementServiceClient client, string keyId,
        string algorithm = "RSAES_OAEP_SHA_256", string wrappingKeySpec = "RSA_2048") =>
        client.GetParametersForImportAsync(new GetParametersForImportRequest { KeyId = keyId, WrappingAlgorithm = algorithm, WrappingKeySpec = wrappingKeySpec });

    /// <summary>Wraps as the developer guide says: RSA-OAEP of the material, or RFC 5649 under a fresh AES-256 key that RSA-OAEP wraps.</summary>
    public static byte[] Wrap(byte[] publicKey, string algorithm, byte[] material)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKey, out _);
        var padding = algorithm.EndsWith("SHA_1", StringComparison.Ordinal) ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256;
        if (!algorithm.StartsWith("RSA_AES_KEY_WRAP", StringComparison.Ordinal)) return rsa.Encrypt(material, padding);
        var aesKey = RandomNumberGenerator.GetBytes(32);
        return [.. rsa.Encrypt(aesKey, padding), .. AesKeyWrapPad.Wrap(aesKey, material)];
    }

    public static async Task<ImportKeyMaterialResponse> ImportAsync(AmazonKeyManagementServiceClient client, string keyId, byte[] material,
        string algorithm = "RSAES_OAEP_SHA_256", Action<ImportKeyMaterialRequest>? adjust = null)
    {
        var parameters = await ParametersAsync(client, keyId, algorithm);
        var request = new ImportKeyMaterialRequest
        {
            KeyId = keyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = new MemoryStream(Wrap(parameters.PublicKey.ToArray(), algorithm, material)),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        };
        adjust?.Invoke(request);
        return await client.ImportKeyMaterialAsync(request);
    }
}
