using System.Management.Automation;

namespace KmsPowerShell.Cmdlets.Tests;

public class PipedFileTests
{
    [Fact]
    public void NamesTheFileOrFolderOfAFileSystemItem()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), "piped.txt"));
        Assert.Equal(file.FullName, PipedFile.Of(file));
        Assert.Equal(file.FullName, PipedFile.Of(PSObject.AsPSObject(file)));
        var folder = new DirectoryInfo(Path.GetTempPath());
        Assert.Equal(folder.FullName, PipedFile.Of(folder));
    }

    [Fact]
    public void TakesAnythingElseForData()
    {
        Assert.Null(PipedFile.Of("piped.txt"));
        Assert.Null(PipedFile.Of(new byte[] { 1 }));
        Assert.Null(PipedFile.Of(null));
    }
}
