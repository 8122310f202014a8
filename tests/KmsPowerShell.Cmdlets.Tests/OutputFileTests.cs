namespace KmsPowerShell.Cmdlets.Tests;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kmsps-outfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Existing(string content)
    {
        var path = Path.Combine(_folder, "existing.bin");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void RefusesAnExistingFileUnlessForced()
    {
        var path = Existing("old");
        var refused = Assert.Throws<KmsArgumentException>(() => OutputFile.RequireWritable(path, force: false));
        Assert.Equal("OutFileExists", refused.Problem);
        Assert.Contains(path, refused.Message);
        OutputFile.RequireWritable(path, force: true);
        OutputFile.RequireWritable(Path.Combine(_folder, "new.bin"), force: false);
    }

    [Fact]
    public void WritesANewFile()
    {
        var path = Path.Combine(_folder, "new.bin");
        OutputFile.Write(path, [1, 2, 3], force: false);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void NeverWritesOverAFileThatAppearedAfterTheCheckUnlessForced()
    {
        var path = Existing("old");
        Assert.Throws<IOException>(() => OutputFile.Write(path, [1], force: false));
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void ReplacesTheWholeFileWhenForced()
    {
        var path = Existing("a longer old content");
        OutputFile.Write(path, [65, 66], force: true);
        Assert.Equal("AB", File.ReadAllText(path));
    }
}
