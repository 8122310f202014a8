namespace KmsPowerShell.LocalKms.Tests;

/// <summary>Tests of local KMS state files: each test gets a folder of its own, removed afterwards.</summary>
public abstract class StateFolderTests : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("localkms-").FullName;

    protected string StatePath => Path.Combine(Folder, "state.json");

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
