using KmsPowerShell.Engine.Messages.Io;

namespace KmsPowerShell.Tests.Messages;

/// <summary>
/// How outputs are written: unnamed until they succeed (Linux), through a hidden named file elsewhere, never over a
/// device, and what a killed run's named file becomes on the next run. One class: the named-only switch is process-wide.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private const string NamedOnlySwitch = "KmsPowerShell.NamedTemporaryFiles";
    private readonly string _directory = Directory.CreateTempSubdirectory("kmsps-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private string[] Entries() => Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public async Task OnLinux_TheOutputHasNoNameUntilItSucceeded()
    {
        if (!OperatingSystem.IsLinux()) return;
        string[]? whileWriting = null;

        await AtomicFile.WriteAsync(PathOf("out"), overwrite: false, async stream =>
        {
            await stream.WriteAsync(new byte[] { 1, 2, 3 });
            whileWriting = Entries();
            return 0;
        });

        Assert.Empty(whileWriting!);
        Assert.Equal(new byte[] { 1, 2, 3 }, await File.ReadAllBytesAsync(PathOf("out")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("out")));
    }

    [Fact]
    public async Task OnLinux_AFileThatAppearedMeanwhileIsRefusedNotReplaced()
    {
        if (!OperatingSystem.IsLinux()) return;

        var error = await Assert.ThrowsAsync<KmsArgumentException>(() => AtomicFile.WriteAsync(PathOf("out"), overwrite: false, async stream =>
        {
            await File.WriteAllTextAsync(PathOf("out"), "theirs");
            await stream.WriteAsync(new byte[] { 1 });
            return 0;
        }));

        Assert.Equal("DestinationExists", error.Problem);
        Assert.Equal("theirs", await File.ReadAllTextAsync(PathOf("out")));
        Assert.Equal(["out"], Entries());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Overwrite_ReplacesARegularFileAndLeavesNothingElse(bool named)
    {
        await File.WriteAllTextAsync(PathOf("out"), "old");

        await WithNamedOnly(named, () => AtomicFile.WriteAsync(PathOf("out"), overwrite: true, async stream =>
        {
            await stream.WriteAsync("new"u8.ToArray());
            return 0;
        }));

        Assert.Equal("new", await File.ReadAllTextAsync(PathOf("out")));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public async Task Named_WritesAHiddenPrivateFileBesideTheOutputAndRemovesItOnFailure()
    {
        string[]? whileWriting = null;
        UnixFileMode? mode = null;

        await Assert.ThrowsAsync<InvalidDataException>(() => WithNamedOnly(true, () => AtomicFile.WriteAsync<int>(PathOf("out"), overwrite: false, async stream =>
        {
            await stream.WriteAsync(new byte[] { 1 });
            whileWriting = Entries();
            if (!OperatingSystem.IsWindows()) mode = File.GetUnixFileMode(PathOf(whileWriting[0]));
            throw new InvalidDataException("the message did not verify");
        })));

        Assert.Matches("^\\.out\\.[0-9a-f]{32}\\.tmp$", Assert.Single(whileWriting!));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Empty(Entries());
    }

    [Fact]
    public async Task ADevice_GetsTheOutputOnlyOnSuccessAndStaysADevice()
    {
        if (OperatingSystem.IsWindows()) return;

        var result = await AtomicFile.WriteAsync("/dev/null", overwrite: true, async stream =>
        {
            await stream.WriteAsync(new byte[] { 1, 2 });
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal(FileKind.Stream, FileKinds.Of("/dev/null"));
    }

    [Fact]
    public void FileKinds_TellsRegularFilesFoldersMissingPathsAndDevicesApart()
    {
        File.WriteAllText(PathOf("file"), "x");

        Assert.Equal(FileKind.Regular, FileKinds.Of(PathOf("file")));
        Assert.Equal(FileKind.Directory, FileKinds.Of(_directory));
        Assert.Equal(FileKind.Missing, FileKinds.Of(PathOf("none")));
        Assert.Equal(FileKind.Missing, FileKinds.Of(PathOf("file/under")));
        if (!OperatingSystem.IsWindows()) Assert.Equal(FileKind.Stream, FileKinds.Of("/dev/null"));
    }

    [Fact]
    public async Task WriteFailures_NameTheDestinationNotTheTemporaryFile()
    {
        var temporary = PathOf(".out.0123456789abcdef0123456789abcdef.tmp");
        var output = new OutputStream(new FailingStream($"No space left on device : '{temporary}'"), PathOf("out"), temporary);

        var error = await Assert.ThrowsAsync<IOException>(() => output.WriteAsync(new byte[] { 1 }).AsTask());

        Assert.Equal($"No space left on device : '{PathOf("out")}'", error.Message);
        var unnamed = Assert.Throws<IOException>(() => new OutputStream(new FailingStream("No space left on device"), PathOf("out"), null).Write([1]));
        Assert.Equal($"Could not write '{PathOf("out")}': No space left on device", unnamed.Message);
    }

    [Fact]
    public void Sweep_RemovesOnlyOldUnlockedFilesOfItsOwnPattern()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow.AddHours(1));
        string[] names = [".a.0123456789abcdef0123456789abcdef.tmp", ".b.fedcba9876543210fedcba9876543210.tmp", ".c.tmp", "d.0123456789abcdef0123456789abcdef.tmp", ".fresh.00000000000000000000000000000000.tmp"];
        foreach (var name in names) File.WriteAllText(PathOf(name), "plaintext");
        File.SetLastWriteTimeUtc(PathOf(names[^1]), clock.GetUtcNow().UtcDateTime);
        // A live command holds the lock on its file (FileShare.None) while it writes.
        using (new FileStream(PathOf(names[1]), FileMode.Open, FileAccess.Write, FileShare.None))
        {
            new StaleTemporaryFiles(clock).Sweep(_directory);
        }

        Assert.Equal(names[1..].Order(), Entries());
    }

    [Fact]
    public void Sweep_LooksAtAFolderAtMostOncePerStaleAge()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow.AddHours(1));
        var sweeper = new StaleTemporaryFiles(clock);
        sweeper.Sweep(_directory);
        File.WriteAllText(PathOf(".a.0123456789abcdef0123456789abcdef.tmp"), "x");

        sweeper.Sweep(_directory);
        var soon = Entries();
        clock.Now += StaleTemporaryFiles.StaleAge;
        sweeper.Sweep(_directory);

        Assert.Single(soon);
        Assert.Empty(Entries());
    }

    private static async Task WithNamedOnly(bool named, Func<Task> work)
    {
        AppContext.SetSwitch(NamedOnlySwitch, named);
        try
        {
            await work();
        }
        finally
        {
            AppContext.SetSwitch(NamedOnlySwitch, false);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class FailingStream(string message) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException(message);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException(message);
    }
}
