using System.Security.Cryptography;

namespace KmsPowerShell.Cmdlets.Tests;

public sealed class FileDigestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kmsps-digest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(int length)
    {
        var path = Path.Combine(_folder, $"{length}.bin");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData((1 << 20) + 17)]
    [InlineData(3 << 20)]
    public void HashesTheWholeFileInChunksReportingProgressToTheEnd(int length)
    {
        var path = File(length);
        var reports = new List<(long Done, long Total)>();
        var digest = FileDigest.Compute(path, HashAlgorithmName.SHA384, (done, total) => reports.Add((done, total)), CancellationToken.None);
        Assert.Equal(SHA384.HashData(System.IO.File.ReadAllBytes(path)), digest);
        Assert.Equal((length + (1 << 20) - 1) >> 20, reports.Count);
        Assert.All(reports, r => Assert.Equal(length, r.Total));
        Assert.Equal(reports.Select(r => r.Done).Order(), reports.Select(r => r.Done));
        if (length > 0) Assert.Equal(length, reports[^1].Done);
    }

    [Fact]
    public void StopsWhenCancelled()
    {
        var path = File(2 << 20);
        using var cancel = new CancellationTokenSource();
        var reports = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => FileDigest.Compute(path, HashAlgorithmName.SHA256, (_, _) =>
        {
            reports++;
            cancel.Cancel();
        }, cancel.Token));
        Assert.Equal(1, reports);
    }
}
