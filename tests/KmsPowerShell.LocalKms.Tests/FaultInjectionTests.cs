using System.Diagnostics;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

public class FaultInjectionTests
{
    private static async Task<List<string>> Outcomes(LocalKmsHarness kms, int calls)
    {
        var client = kms.Client();
        var outcomes = new List<string>();
        for (var i = 0; i < calls; i++)
        {
            try
            {
                await client.ListKeysAsync(new ListKeysRequest());
                outcomes.Add("ok");
            }
            catch (AmazonServiceException e) when (e.ErrorCode is not null)
            {
                outcomes.Add(e.ErrorCode);
            }
        }
        return outcomes;
    }

    [Fact]
    public async Task Faults_ThrottleAndInternalRatesWithSeed_ExpectedSharesSameSequenceEachTime()
    {
        using var kms = new LocalKmsHarness();
        var faults = new LocalKmsFaults(ThrottleRate: 0.2, InternalErrorRate: 0.1, Seed: 42);
        kms.Service.Faults = faults;
        var first = await Outcomes(kms, 400);
        kms.Service.Faults = faults;
        var second = await Outcomes(kms, 400);

        Assert.Equal(first, second);
        Assert.InRange(first.Count(o => o == "ThrottlingException") / 400.0, 0.14, 0.26);
        Assert.InRange(first.Count(o => o == "KMSInternalException") / 400.0, 0.05, 0.15);
        Assert.Equal(400, first.Count(o => o is "ok" or "ThrottlingException" or "KMSInternalException"));
    }

    [Fact]
    public async Task Faults_InternalErrorAlways_Sdk500KmsInternalException()
    {
        using var kms = new LocalKmsHarness(faults: new LocalKmsFaults(InternalErrorRate: 1));
        var error = await KmsAssert.FailsWith("KMSInternalException", () => kms.Client().ListKeysAsync(new ListKeysRequest()));
        Assert.Equal(500, (int)error.StatusCode);
    }

    [Fact]
    public async Task Faults_DropConnectionAlways_SdkSeesTransportFailure()
    {
        using var kms = new LocalKmsHarness(faults: new LocalKmsFaults(DropConnectionRate: 1));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => kms.Client().ListKeysAsync(new ListKeysRequest()));
        Assert.Contains(Chain(error), e => e is HttpRequestException or IOException);
    }

    [Fact]
    public async Task Faults_UnreachableRegion_DropsThatRegionOnlyAndDrawsNothing()
    {
        using var kms = new LocalKmsHarness(faults: new LocalKmsFaults(UnreachableRegions: ["eu-west-1"]));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => kms.Client("eu-west-1").ListKeysAsync(new ListKeysRequest()));
        Assert.Contains(Chain(error), e => e is HttpRequestException or IOException);
        Assert.Equal(Enumerable.Repeat("ok", 20), await Outcomes(kms, 20));
    }

    [Fact]
    public void Faults_UnreachableRegion_KeptInTheStateFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kmsps-faults-{Guid.NewGuid():n}.json");
        try
        {
            using (var service = new LocalKmsService(new LocalKmsOptions { StatePath = path })) service.Faults = new LocalKmsFaults(UnreachableRegions: ["eu-west-1"]);
            using var reopened = new LocalKmsService(new LocalKmsOptions { StatePath = path });
            Assert.True(reopened.Faults.IsUnreachable("eu-west-1"));
            Assert.False(reopened.Faults.IsUnreachable("us-east-1"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Faults_UnreachableRegionNotARegion_ArgumentOutOfRange()
    {
        using var service = new LocalKmsService();
        Assert.Throws<ArgumentOutOfRangeException>(() => service.Faults = new LocalKmsFaults(UnreachableRegions: ["not a region"]));
    }

    [Fact]
    public async Task Faults_SlowAlways_AnswerComesAfterTheDelay()
    {
        using var kms = new LocalKmsHarness(faults: new LocalKmsFaults(SlowRate: 1, SlowDelay: TimeSpan.FromMilliseconds(300)));
        var client = kms.Client();
        var watch = Stopwatch.StartNew();
        await client.ListKeysAsync(new ListKeysRequest());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public void Faults_RatesAboveOne_ArgumentOutOfRange()
    {
        using var service = new LocalKmsService();
        Assert.Throws<ArgumentOutOfRangeException>(() => service.Faults = new LocalKmsFaults(ThrottleRate: 0.7, InternalErrorRate: 0.7));
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}
