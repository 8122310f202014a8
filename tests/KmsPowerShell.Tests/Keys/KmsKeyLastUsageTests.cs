namespace KmsPowerShell.Tests.Keys;

public class KmsKeyLastUsageTests
{
    private const string Arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly DateTime Tracking = new(2026, 4, 27, 0, 0, 0, DateTimeKind.Local);

    [Fact]
    public void NeverUsed_KeyCreatedSinceTrackingAndNotUsed_True()
    {
        var usage = new KmsKeyLastUsage(Arn, "us-east-1") { KeyCreationDate = Tracking.AddDays(3), TrackingStartDate = Tracking.AddDays(3) };
        Assert.True(usage.NeverUsed);
        Assert.Equal("1234abcd-12ab-34cd-56ef-1234567890ab", usage.KeyId);
    }

    /// <summary>A key older than tracking may have been used before it began: only CloudTrail can say, so not "never".</summary>
    [Fact]
    public void NeverUsed_KeyOlderThanTrackingAndNotUsedSince_False()
    {
        var usage = new KmsKeyLastUsage(Arn, "us-east-1") { KeyCreationDate = Tracking.AddYears(-1), TrackingStartDate = Tracking };
        Assert.False(usage.NeverUsed);
    }

    [Fact]
    public void NeverUsed_KeyUsed_False()
    {
        var usage = new KmsKeyLastUsage(Arn, "us-east-1")
        {
            KeyCreationDate = Tracking, TrackingStartDate = Tracking, Operation = "Decrypt", LastUsedDate = Tracking.AddDays(1),
        };
        Assert.False(usage.NeverUsed);
    }
}
