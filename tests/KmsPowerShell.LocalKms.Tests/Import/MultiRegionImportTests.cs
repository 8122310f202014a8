using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests.Import;

/// <summary>
/// Multi-Region keys with imported material, as the ImportKeyMaterial and DeleteImportedKeyMaterial API reference
/// and the developer guide's "Importing key material into multi-Region keys" describe them: KMS copies no material to
/// replicas; new material goes into the primary (NEW_KEY_MATERIAL), then into every replica (EXISTING_KEY_MATERIAL),
/// and only then does RotateKeyOnDemand on the primary make it current in every Region.
/// </summary>
public sealed class MultiRegionImportTests
{
    private const string PendingMultiRegion = "PENDING_MULTI_REGION_IMPORT_AND_ROTATION";

    [Fact]
    public async Task ReplicaImport_MaterialNotThePrimarys_IncorrectKeyMaterialException_TheSameMaterialHasTheSameIdInEveryRegion()
    {
        using var kms = new LocalKmsHarness();
        var set = await ImportedSet.CreateAsync(kms, replicaRegions: []);
        await set.Primary.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = set.KeyId, ReplicaRegion = "eu-west-1" });
        var replica = kms.Client("eu-west-1");

        await KmsAssert.FailsWith("IncorrectKeyMaterialException", () => ImportSteps.ImportAsync(replica, set.KeyId, RandomNumberGenerator.GetBytes(32)));
        var imported = await ImportSteps.ImportAsync(replica, set.KeyId, set.First);

        Assert.Equal(set.FirstId, imported.KeyMaterialId);
        Assert.Equal(set.FirstId, (await replica.DescribeKeyAsync(new DescribeKeyRequest { KeyId = set.KeyId })).KeyMetadata.CurrentKeyMaterialId);
    }

    [Fact]
    public async Task NewKeyMaterial_PendingMultiRegionUntilEveryReplicaImportedIt_ThenRotationOnThePrimaryMakesItCurrentEverywhere()
    {
        using var kms = new LocalKmsHarness();
        var set = await ImportedSet.CreateAsync(kms, replicaRegions: ["eu-west-1", "ap-south-1"]);
        var second = RandomNumberGenerator.GetBytes(32);
        var secondId = (await ImportSteps.ImportAsync(set.Primary, set.KeyId, second, adjust: r => r.ImportType = ImportType.NEW_KEY_MATERIAL)).KeyMaterialId;

        Assert.Equal([("CURRENT", "IMPORTED"), (PendingMultiRegion, "IMPORTED")], await MaterialStatesAsync(set.Primary, set.KeyId));
        await KmsAssert.FailsWith("KMSInvalidStateException", () => set.Primary.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = set.KeyId }));
        await KmsAssert.FailsWith("UnsupportedOperationException",
            () => ImportSteps.ImportAsync(set.Replicas[0], set.KeyId, second, adjust: r => r.ImportType = ImportType.NEW_KEY_MATERIAL));
        await KmsAssert.FailsWith("IncorrectKeyMaterialException", () => ImportSteps.ImportAsync(set.Replicas[0], set.KeyId, RandomNumberGenerator.GetBytes(32),
            adjust: r => r.ImportType = ImportType.EXISTING_KEY_MATERIAL));

        await ImportSteps.ImportAsync(set.Replicas[0], set.KeyId, second, adjust: r =>
        {
            r.ImportType = ImportType.EXISTING_KEY_MATERIAL;
            r.KeyMaterialId = secondId;
        });
        Assert.Equal([("CURRENT", "IMPORTED"), ("PENDING_ROTATION", "IMPORTED")], await MaterialStatesAsync(set.Replicas[0], set.KeyId));
        Assert.Equal([("CURRENT", "IMPORTED"), (PendingMultiRegion, "IMPORTED")], await MaterialStatesAsync(set.Primary, set.KeyId));
        await KmsAssert.FailsWith("KMSInvalidStateException", () => set.Primary.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = set.KeyId }));

        await ImportSteps.ImportAsync(set.Replicas[1], set.KeyId, second, adjust: r => r.ImportType = ImportType.EXISTING_KEY_MATERIAL);
        Assert.Equal([("CURRENT", "IMPORTED"), ("PENDING_ROTATION", "IMPORTED")], await MaterialStatesAsync(set.Primary, set.KeyId));
        await KmsAssert.FailsWith("UnsupportedOperationException", () => set.Replicas[0].RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = set.KeyId }));

        var old = await EncryptAsync(set.Replicas[1], set.KeyId, 7);
        await set.Primary.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = set.KeyId });
        foreach (var client in set.All)
        {
            Assert.Equal([("NON_CURRENT", "IMPORTED"), ("CURRENT", "IMPORTED")], await MaterialStatesAsync(client, set.KeyId));
            var rotation = Assert.Single((await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = set.KeyId })).Rotations);
            Assert.Equal((secondId, RotationType.ON_DEMAND), (rotation.KeyMaterialId, rotation.RotationType));
            Assert.Equal(secondId, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = set.KeyId })).KeyMetadata.CurrentKeyMaterialId);
        }
        var fromReplica = await EncryptAsync(set.Replicas[1], set.KeyId, 8);
        Assert.Equal(new byte[] { 8 }, await DecryptAsync(set.Primary, fromReplica));
        Assert.Equal(new byte[] { 7 }, await DecryptAsync(set.Replicas[0], old));
        Assert.Equal(new byte[] { 9 }, await DecryptAsync(set.Replicas[0], await EncryptAsync(set.Primary, set.KeyId, 9)));
    }

    [Fact]
    public async Task PrimaryWithoutReplicas_NewKeyMaterialIsPendingRotationAndRotates_AsASingleRegionKey()
    {
        using var kms = new LocalKmsHarness();
        var set = await ImportedSet.CreateAsync(kms, replicaRegions: []);
        var secondId = (await ImportSteps.ImportAsync(set.Primary, set.KeyId, RandomNumberGenerator.GetBytes(32),
            adjust: r => r.ImportType = ImportType.NEW_KEY_MATERIAL)).KeyMaterialId;
        Assert.Equal([("CURRENT", "IMPORTED"), ("PENDING_ROTATION", "IMPORTED")], await MaterialStatesAsync(set.Primary, set.KeyId));
        await set.Primary.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = set.KeyId });
        Assert.Equal(secondId, (await set.Primary.DescribeKeyAsync(new DescribeKeyRequest { KeyId = set.KeyId })).KeyMetadata.CurrentKeyMaterialId);
    }

    [Fact]
    public async Task DeleteImportedKeyMaterial_PendingOnThePrimary_GoesFromTheReplicasToo_AReplicasDeletionStaysInItsRegion()
    {
        using var kms = new LocalKmsHarness();
        var set = await ImportedSet.CreateAsync(kms, replicaRegions: ["eu-west-1", "ap-south-1"]);
        var second = RandomNumberGenerator.GetBytes(32);
        var secondId = (await ImportSteps.ImportAsync(set.Primary, set.KeyId, second, adjust: r => r.ImportType = ImportType.NEW_KEY_MATERIAL)).KeyMaterialId;
        await ImportSteps.ImportAsync(set.Replicas[0], set.KeyId, second, adjust: r => r.ImportType = ImportType.EXISTING_KEY_MATERIAL);

        await set.Primary.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = set.KeyId, KeyMaterialId = secondId });
        // Material that waited for rotation was never permanently the key's: it is gone, in every region, and the keys stay usable.
        Assert.Equal([("CURRENT", "IMPORTED")], await MaterialStatesAsync(set.Primary, set.KeyId));
        Assert.Equal([("CURRENT", "IMPORTED")], await MaterialStatesAsync(set.Replicas[0], set.KeyId));
        Assert.Equal(KeyState.Enabled, (await set.Replicas[0].DescribeKeyAsync(new DescribeKeyRequest { KeyId = set.KeyId })).KeyMetadata.KeyState);

        await set.Replicas[1].DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = set.KeyId, KeyMaterialId = set.FirstId });
        Assert.Equal(KeyState.PendingImport, (await set.Replicas[1].DescribeKeyAsync(new DescribeKeyRequest { KeyId = set.KeyId })).KeyMetadata.KeyState);
        Assert.Equal([("CURRENT", "PENDING_IMPORT")], await MaterialStatesAsync(set.Replicas[1], set.KeyId));
        Assert.Equal(("CURRENT", "IMPORTED"), (await MaterialStatesAsync(set.Primary, set.KeyId))[0]);
        Assert.Equal(("CURRENT", "IMPORTED"), (await MaterialStatesAsync(set.Replicas[0], set.KeyId))[0]);
    }

    [Fact]
    public async Task ReplicaOfARotatedPrimary_WaitsForEachMaterialOfThePrimary_ThenDecryptsWhatEither()
    {
        using var kms = new LocalKmsHarness();
        var set = await ImportedSet.CreateAsync(kms, replicaRegions: []);
        var old = await EncryptAsync(set.Primary, set.KeyId, 1);
        var second = RandomNumberGenerator.GetBytes(32);
        var secondId = (await ImportSteps.ImportAsync(set.Primary, set.KeyId, second, adjust: r => r.ImportType = ImportType.NEW_KEY_MATERIAL)).KeyMaterialId;
        await set.Primary.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = set.KeyId });
        await set.Primary.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = set.KeyId, ReplicaRegion = "eu-west-1" });
        var replica = kms.Client("eu-west-1");

        Assert.Equal(KeyState.PendingImport, (await replica.DescribeKeyAsync(new DescribeKeyRequest { KeyId = set.KeyId })).KeyMetadata.KeyState);
        Assert.Equal([("NON_CURRENT", "PENDING_IMPORT"), ("CURRENT", "PENDING_IMPORT")], await MaterialStatesAsync(replica, set.KeyId));
        await ImportSteps.ImportAsync(replica, set.KeyId, second);
        Assert.Equal(KeyState.PendingImport, (await replica.DescribeKeyAsync(new DescribeKeyRequest { KeyId = set.KeyId })).KeyMetadata.KeyState);
        await ImportSteps.ImportAsync(replica, set.KeyId, set.First, adjust: r => r.KeyMaterialId = set.FirstId);

        Assert.Equal(secondId, (await replica.DescribeKeyAsync(new DescribeKeyRequest { KeyId = set.KeyId })).KeyMetadata.CurrentKeyMaterialId);
        Assert.Equal(new byte[] { 1 }, await DecryptAsync(replica, old));
        Assert.Equal(new byte[] { 2 }, await DecryptAsync(set.Primary, await EncryptAsync(replica, set.KeyId, 2)));
    }

    [Fact]
    public async Task ReplicasImportAndRotation_SurviveARestart()
    {
        var folder = Directory.CreateTempSubdirectory("localkms-mrk-import-").FullName;
        try
        {
            var path = Path.Combine(folder, "state.json");
            string keyId, secondId;
            using (var kms = new LocalKmsHarness(path))
            {
                var set = await ImportedSet.CreateAsync(kms, replicaRegions: ["eu-west-1"]);
                keyId = set.KeyId;
                var second = RandomNumberGenerator.GetBytes(32);
                secondId = (await ImportSteps.ImportAsync(set.Primary, keyId, second, adjust: r => r.ImportType = ImportType.NEW_KEY_MATERIAL)).KeyMaterialId;
                await ImportSteps.ImportAsync(set.Replicas[0], keyId, second);
                await set.Primary.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = keyId });
            }
            using (var kms = new LocalKmsHarness(path))
            {
                var replica = kms.Client("eu-west-1");
                Assert.Equal(secondId, (await replica.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata.CurrentKeyMaterialId);
                Assert.Equal([("NON_CURRENT", "IMPORTED"), ("CURRENT", "IMPORTED")], await MaterialStatesAsync(replica, keyId));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<(string State, string Import)>> MaterialStatesAsync(AmazonKeyManagementServiceClient client, string keyId) =>
        [.. (await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = keyId, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL }))
            .Rotations.Select(r => (r.KeyMaterialState.Value, r.ImportState.Value))];

    private static async Task<MemoryStream> EncryptAsync(AmazonKeyManagementServiceClient client, string keyId, byte value) =>
        (await client.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream([value]) })).CiphertextBlob;

    private static async Task<byte[]> DecryptAsync(AmazonKeyManagementServiceClient client, MemoryStream ciphertext) =>
        (await client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(ciphertext.ToArray()) })).Plaintext.ToArray();

    /// <summary>An EXTERNAL multi-Region primary in us-east-1 with its first material, and replicas that imported it too.</summary>
    private sealed record ImportedSet(string KeyId, byte[] First, string FirstId, AmazonKeyManagementServiceClient Primary, List<AmazonKeyManagementServiceClient> Replicas)
    {
        public IEnumerable<AmazonKeyManagementServiceClient> All => [Primary, .. Replicas];

        public static async Task<ImportedSet> CreateAsync(LocalKmsHarness kms, string[] replicaRegions)
        {
            var primary = kms.Client();
            var keyId = (await primary.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, MultiRegion = true })).KeyMetadata.KeyId;
            var first = RandomNumberGenerator.GetBytes(32);
            var firstId = (await ImportSteps.ImportAsync(primary, keyId, first)).KeyMaterialId;
            var replicas = new List<AmazonKeyManagementServiceClient>();
            foreach (var region in replicaRegions)
            {
                await primary.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = keyId, ReplicaRegion = region });
                var replica = kms.Client(region);
                await ImportSteps.ImportAsync(replica, keyId, first);
                replicas.Add(replica);
            }
            return new ImportedSet(keyId, first, firstId, primary, replicas);
        }
    }
}
