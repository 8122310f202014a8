using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>The state file's journal: what a change appends, what a restart (or a kill) reads back, and a save that fails.</summary>
public sealed class StateJournalTests : StateFolderTests
{
    [Theory]
    [InlineData(false)]   // the first change after opening writes a snapshot
    [InlineData(true)]    // later changes append to the journal
    public async Task Save_DiskFull_ChangeNotMadeOneAttemptAndAnErrorNamingTheFile(bool journal)
    {
        using var kms = new LocalKmsHarness(StatePath);
        var client = kms.Client(maxErrorRetry: 3);
        var key = journal ? (await kms.CreateKeyAsync(client)).KeyId : null;
        kms.Service.File!.BeforeWrite = path => throw new IOException($"No space left on device : '{path}'");
        var keysBefore = await ListKeyIds(client);
        kms.Service.ResetCallCounts();

        var error = await KmsAssert.FailsWith("LocalStateNotSavedException",
            () => client.CreateKeyAsync(new CreateKeyRequest { Description = "never saved" }));

        Assert.Equal(507, (int)error.StatusCode);
        Assert.Equal($"The local KMS could not save its state file '{StatePath}': No space left on device. The change was not made.", error.Message);
        Assert.Equal(1, kms.Service.CallCount("CreateKey"));
        Assert.Equal(keysBefore, await ListKeyIds(client));
        if (key is not null)
        {
            await KmsAssert.FailsWith("LocalStateNotSavedException",
                () => client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key, PendingWindowInDays = 7 }));
            var metadata = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key })).KeyMetadata;
            Assert.Equal(KeyState.Enabled, metadata.KeyState);
            Assert.Null(metadata.DeletionDate);
        }

        kms.Service.File.BeforeWrite = null;
        var made = (await kms.CreateKeyAsync(client)).KeyId;
        Assert.Equal(keysBefore.Append(made).Order(), await ListKeyIds(client));
    }

    [Fact]
    public async Task Sweep_DiskFull_DueDeletionWaitsUntilItCanBeSaved()
    {
        using var kms = new LocalKmsHarness(StatePath);
        var client = kms.Client();
        var doomed = (await kms.CreateKeyAsync(client)).KeyId;
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = doomed, PendingWindowInDays = 7 });
        kms.Clock.Advance(TimeSpan.FromDays(8));
        kms.Service.File!.BeforeWrite = path => throw new IOException($"No space left on device : '{path}'");

        await KmsAssert.FailsWith("LocalStateNotSavedException", () => client.ListKeysAsync(new ListKeysRequest()));
        Assert.Equal(doomed, Assert.Single(kms.Service.State.Keys.Values).KeyId);

        kms.Service.File.BeforeWrite = null;
        Assert.Empty(await ListKeyIds(client));
    }

    [AwsCliFact]
    public async Task AwsCli_DiskFull_BotocoreMakesOneAttemptAndShowsTheReason()
    {
        using var service = new LocalKmsService(new LocalKmsOptions { StatePath = StatePath });
        await using var server = new Http.LocalKmsServer(service);
        server.Start();
        service.File!.BeforeWrite = path => throw new IOException($"No space left on device : '{path}'");
        var aws = new AwsCli(server.Endpoint, Folder) { MaxAttempts = 3 };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => aws.RunAsync("kms", "create-key"));

        Assert.Contains("(LocalStateNotSavedException)", error.Message);
        Assert.Contains("No space left on device. The change was not made.", error.Message);
        Assert.Equal(1, service.CallCount("CreateKey"));
    }

    [Fact]
    public async Task Journal_EveryKindOfChange_ACopyTakenWhileRunningLoadsTheSameState()
    {
        using var kms = new LocalKmsHarness(StatePath);
        var client = kms.Client();
        await MakeEveryKindOfChange(kms, client);
        Assert.True(File.ReadAllLines(StatePath + ".journal").Length > 10, "the changes after the first are appended to the journal");

        // What a kill -9 would leave: the snapshot and the journal as they are now.
        var copy = Directory.CreateDirectory(Path.Combine(Folder, "copy")).FullName;
        File.Copy(StatePath, Path.Combine(copy, "state.json"));
        File.Copy(StatePath + ".journal", Path.Combine(copy, "state.json.journal"));
        using var restarted = new LocalKmsService(new LocalKmsOptions { StatePath = Path.Combine(copy, "state.json") });
        Assert.Equal(Json(kms.Service.State), Json(restarted.State));
    }

    [Fact]
    public async Task Journal_LastLineCutShort_IgnoredAndOverwrittenByTheNextChange()
    {
        string kept;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            await kms.CreateKeyAsync();
            kept = (await kms.CreateKeyAsync()).KeyId;
            CopyFilesTo("crashed");
        }
        var crashed = Path.Combine(Folder, "crashed", "state.json");
        var journal = File.ReadAllText(crashed + ".journal");
        File.WriteAllText(crashed + ".journal", journal + journal.Split('\n')[^2][..40]);
        using (var kms = new LocalKmsHarness(crashed))
        {
            var keys = await ListKeyIds(kms.Client());
            Assert.Equal(2, keys.Count);
            Assert.Contains(kept, keys);
            await kms.CreateKeyAsync();
        }
        using (var kms = new LocalKmsHarness(crashed)) Assert.Equal(3, (await ListKeyIds(kms.Client())).Count);
    }

    [Fact]
    public async Task Journal_DamagedLineBeforeTheLast_RefusedAsInvalidState()
    {
        using (var kms = new LocalKmsHarness(StatePath))
        {
            for (var i = 0; i < 3; i++) await kms.CreateKeyAsync();
            CopyFilesTo("damaged");
        }
        var damaged = Path.Combine(Folder, "damaged", "state.json");
        var lines = File.ReadAllLines(damaged + ".journal");
        lines[1] = lines[1][..20];
        File.WriteAllLines(damaged + ".journal", lines);
        var error = Assert.Throws<InvalidDataException>(() => new LocalKmsService(new LocalKmsOptions { StatePath = damaged }));
        Assert.StartsWith("its journal is damaged at line 2", error.Message);
    }

    [Fact]
    public async Task Dispose_JournalFoldedIntoTheSnapshot()
    {
        using (var kms = new LocalKmsHarness(StatePath))
        {
            for (var i = 0; i < 3; i++) await kms.CreateKeyAsync();
        }
        using var snapshot = JsonDocument.Parse(File.ReadAllBytes(StatePath));
        Assert.Equal(3, snapshot.RootElement.GetProperty("Keys").EnumerateObject().Count());
        Assert.Single(File.ReadAllLines(StatePath + ".journal"));
    }

    [Fact]
    public async Task Save_LinksPlantedAtEveryPredictableName_NothingWrittenThroughThem()
    {
        if (OperatingSystem.IsWindows()) return;
        var victims = new[] { ".tmp", ".journal", ".owner", ".journal.tmp" }.ToDictionary(suffix => StatePath + suffix, suffix =>
        {
            var victim = Path.Combine(Folder, "victim" + suffix);
            File.WriteAllText(victim, "");
            return victim;
        });
        foreach (var (link, victim) in victims) File.CreateSymbolicLink(link, victim);
        using (var kms = new LocalKmsHarness(StatePath))
        {
            for (var i = 0; i < 3; i++) await kms.CreateKeyAsync();
        }
        Assert.All(victims.Values, victim => Assert.Equal(0, new FileInfo(victim).Length));
        Assert.Null(new FileInfo(StatePath + ".journal").LinkTarget);
    }

    [Fact]
    public async Task Constructor_StateFileOthersCanRead_MadeOwnerOnlyWithAWarning()
    {
        if (OperatingSystem.IsWindows()) return;
        using (var kms = new LocalKmsHarness(StatePath)) await kms.CreateKeyAsync();
        File.SetUnixFileMode(StatePath, (UnixFileMode)Convert.ToInt32("644", 8));

        using var reopened = new LocalKmsService(new LocalKmsOptions { StatePath = StatePath });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StatePath));
        var warning = Assert.Single(reopened.TakeWarnings());
        Assert.StartsWith($"The local KMS state file '{StatePath}' could be read by other users (mode 0644)", warning);
        Assert.Empty(reopened.TakeWarnings());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StatePath + ".journal"));
    }

    private static async Task MakeEveryKindOfChange(LocalKmsHarness kms, AmazonKeyManagementServiceClient client)
    {
        var key = (await kms.CreateKeyAsync(client, new CreateKeyRequest { Description = "first", Tags = [new Tag { TagKey = "a", TagValue = "1" }] })).KeyId;
        var other = (await kms.CreateKeyAsync(client)).KeyId;
        var multi = (await kms.CreateKeyAsync(client, new CreateKeyRequest { MultiRegion = true })).KeyId;
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/moving", TargetKeyId = key });
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/gone", TargetKeyId = key });
        await client.UpdateAliasAsync(new UpdateAliasRequest { AliasName = "alias/moving", TargetKeyId = other });
        await client.DeleteAliasAsync(new DeleteAliasRequest { AliasName = "alias/gone" });
        var grant = await client.CreateGrantAsync(new CreateGrantRequest { KeyId = key, GranteePrincipal = LocalKmsHarness.PrincipalB.PrincipalArn, Operations = ["Decrypt"] });
        await client.CreateGrantAsync(new CreateGrantRequest { KeyId = key, GranteePrincipal = LocalKmsHarness.PrincipalB.PrincipalArn, Operations = ["Encrypt"] });
        await client.RevokeGrantAsync(new RevokeGrantRequest { KeyId = key, GrantId = grant.GrantId });
        await client.TagResourceAsync(new TagResourceRequest { KeyId = key, Tags = [new Tag { TagKey = "b", TagValue = "2" }] });
        await client.UntagResourceAsync(new UntagResourceRequest { KeyId = key, TagKeys = ["a"] });
        await client.UpdateKeyDescriptionAsync(new UpdateKeyDescriptionRequest { KeyId = key, Description = "second" });
        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key, RotationPeriodInDays = 90 });
        await client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = other });
        await client.DisableKeyAsync(new DisableKeyRequest { KeyId = other });
        await client.EnableKeyAsync(new EnableKeyRequest { KeyId = other });
        await client.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = multi, ReplicaRegion = "eu-west-1" });
        // Changes every copy of a multi-Region key: reached by walking the keys, not by id.
        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = multi, RotationPeriodInDays = 90 });
        await client.UpdatePrimaryRegionAsync(new UpdatePrimaryRegionRequest { KeyId = multi, PrimaryRegion = "eu-west-1" });
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = other, PendingWindowInDays = 7 });
        await client.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = other });
        var doomed = (await kms.CreateKeyAsync(client)).KeyId;
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/doomed", TargetKeyId = doomed });
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = doomed, PendingWindowInDays = 7 });
        await KmsAssert.FailsWith("AlreadyExistsException", () => client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/moving", TargetKeyId = key }));
        // The sweeper's changes: the deletion falls due, and the rotation.
        kms.Clock.Advance(TimeSpan.FromDays(91));
        await client.ListKeysAsync(new ListKeysRequest());
    }

    private void CopyFilesTo(string name)
    {
        var copy = Directory.CreateDirectory(Path.Combine(Folder, name)).FullName;
        foreach (var suffix in new[] { "", ".journal" }) File.Copy(StatePath + suffix, Path.Combine(copy, "state.json" + suffix));
    }

    private static async Task<List<string>> ListKeyIds(AmazonKeyManagementServiceClient client) =>
        (await client.ListKeysAsync(new ListKeysRequest())).Keys.Select(k => k.KeyId).Order().ToList();

    /// <summary>The state as JSON with each collection in id order (a dictionary's order depends on its history).</summary>
    private static string Json(KmsState state)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(state))!.AsObject();
        foreach (var (name, _) in state.Maps)
        {
            var sorted = new System.Text.Json.Nodes.JsonObject();
            foreach (var (id, value) in json[name]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal)) sorted[id] = value?.DeepClone();
            json[name] = sorted;
        }
        return json.ToJsonString();
    }
}
