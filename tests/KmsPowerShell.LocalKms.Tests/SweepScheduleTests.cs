using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>Deletions and rotations fall due at their dates, never earlier, whatever read-only calls come between.</summary>
public sealed class SweepScheduleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("localkms-sweep-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ReadOnlyCalls_ClockReachesEachDate_EachKeyGoesExactlyThen()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var soon = await kms.CreateKeyAsync(client);
        var later = await kms.CreateKeyAsync(client);
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = later.KeyId, PendingWindowInDays = 10 });
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = soon.KeyId, PendingWindowInDays = 7 });
        await ListKeyIds(client);

        kms.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
        Assert.Equal(new[] { soon.KeyId, later.KeyId }.Order(StringComparer.Ordinal), (await ListKeyIds(client)).Order(StringComparer.Ordinal));
        kms.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal([later.KeyId], await ListKeyIds(client));
        kms.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromTicks(1));
        Assert.Equal([later.KeyId], await ListKeyIds(client));
        kms.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Empty(await ListKeyIds(client));
    }

    [Fact]
    public async Task ClockSetBackThenForward_DeletionWaitsForItsDate()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var deletion = (await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 })).DeletionDate!.Value;
        var start = kms.Clock.GetUtcNow();

        kms.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(KeyState.PendingDeletion, await State(client, key.KeyId));
        kms.Clock.SetUtcNow(start - TimeSpan.FromDays(30));
        Assert.Equal(KeyState.PendingDeletion, await State(client, key.KeyId));
        kms.Clock.SetUtcNow(new DateTimeOffset(deletion.ToUniversalTime()) - TimeSpan.FromSeconds(1));
        Assert.Equal(KeyState.PendingDeletion, await State(client, key.KeyId));
        kms.Clock.Advance(TimeSpan.FromSeconds(1));
        await KmsAssert.FailsWith("NotFoundException", () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId }));
    }

    [Fact]
    public async Task RotationPeriodShortened_RotatesAtTheNewDateOnly()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = 365 });
        kms.Clock.Advance(TimeSpan.FromDays(100));
        Assert.Empty(await Rotations(client, key.KeyId));

        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = 90 });
        kms.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromTicks(1));
        Assert.Empty(await Rotations(client, key.KeyId));
        kms.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Single(await Rotations(client, key.KeyId));
        kms.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromTicks(1));
        Assert.Single(await Rotations(client, key.KeyId));
        kms.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, (await Rotations(client, key.KeyId)).Count);
    }

    [Fact]
    public async Task RotationDisabledOrKeyDisabled_NothingRotatesAtTheOldDate()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var stopped = await kms.CreateKeyAsync(client);
        var disabled = await kms.CreateKeyAsync(client);
        foreach (var key in new[] { stopped, disabled })
        {
            await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = 90 });
        }
        await Rotations(client, stopped.KeyId);
        await client.DisableKeyRotationAsync(new DisableKeyRotationRequest { KeyId = stopped.KeyId });
        await client.DisableKeyAsync(new DisableKeyRequest { KeyId = disabled.KeyId });

        kms.Clock.Advance(TimeSpan.FromDays(91));
        Assert.Empty(await Rotations(client, stopped.KeyId));
        Assert.Empty(await Rotations(client, disabled.KeyId));
    }

    [Fact]
    public async Task Reload_DatesFromTheStateFile_SweptWhenDueAndNotBefore()
    {
        var statePath = Path.Combine(_directory, "state.json");
        string doomed, rotating;
        using (var kms = new LocalKmsHarness(statePath))
        {
            var client = kms.Client();
            doomed = (await kms.CreateKeyAsync(client)).KeyId;
            rotating = (await kms.CreateKeyAsync(client)).KeyId;
            await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = doomed, PendingWindowInDays = 7 });
            await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = rotating, RotationPeriodInDays = 90 });
        }
        using (var kms = new LocalKmsHarness(statePath))
        {
            var client = kms.Client();
            kms.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
            Assert.Equal(KeyState.PendingDeletion, await State(client, doomed));
        }
        using (var kms = new LocalKmsHarness(statePath))
        {
            var client = kms.Client();
            kms.Clock.Advance(TimeSpan.FromDays(90));
            await KmsAssert.FailsWith("NotFoundException", () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = doomed }));
            Assert.Single(await Rotations(client, rotating));
        }
        using (var kms = new LocalKmsHarness(statePath))
        {
            var client = kms.Client();
            kms.Clock.Advance(TimeSpan.FromDays(90));
            Assert.Single(await Rotations(client, rotating));
        }
    }

    [Fact]
    public async Task RunningClockAdvanced_DeletionHappensOnceTheWindowHasPassed()
    {
        var clock = new LocalKmsRunningClock();
        using var kms = new LocalKmsHarness(clock: clock);
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(10));
        Assert.Equal(KeyState.PendingDeletion, await State(client, key.KeyId));
        clock.Advance(TimeSpan.FromMinutes(10));
        await KmsAssert.FailsWith("NotFoundException", () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId }));
    }

    private static async Task<List<string>> ListKeyIds(AmazonKeyManagementServiceClient client) =>
        (await client.ListKeysAsync(new ListKeysRequest())).Keys.Select(k => k.KeyId).ToList();

    private static async Task<KeyState> State(AmazonKeyManagementServiceClient client, string keyId) =>
        (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata.KeyState;

    private static async Task<List<RotationsListEntry>> Rotations(AmazonKeyManagementServiceClient client, string keyId) =>
        (await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = keyId })).Rotations ?? [];
}
