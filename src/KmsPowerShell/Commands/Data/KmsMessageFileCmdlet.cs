using System.Management.Automation;
using System.Runtime.InteropServices;
using KmsPowerShell.Engine.Concurrency;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Messages;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// What the cmdlets that work on AWS Encryption SDK message files share: each file is one pipeline item; its output
/// goes to its default name, to -OutFile (one input only) or into the -DestinationPath folder; every file gets
/// ShouldProcess, -Verbose about the message, and its output FileInfo; one progress bar covers all the files. Up to
/// <see cref="ThrottleLimit"/> files are worked on at once; their outputs and errors are written in input order, on
/// the pipeline thread, and so are those of the values the same cmdlets take (<see cref="WriteInOrder"/>).
/// </summary>
public abstract class KmsMessageFileCmdlet : KmsRegionCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private static readonly StringComparer PathComparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
    private readonly OrderedWindow<InputResult> _inFlight;
    // Which input each output of this run comes from: two inputs never write one output.
    private readonly Dictionary<string, string> _sources = new(PathComparer);
    private FilesProgress? _progress;
    private string? _folder;
    // With -OutFile: the one input, started only once EndProcessing knows no other came.
    private string? _onlyInput;
    // The files' work started and maybe unfinished, so a stop waits for each to remove its temporary file.
    private readonly List<Task> _started = [];
    // SIGTERM (docker stop, systemd) while files are worked on: cancel them like Ctrl+C before the process ends.
    private PosixSignalRegistration? _terminate;
    private volatile bool _terminating;

    protected KmsMessageFileCmdlet() => _inFlight = new OrderedWindow<InputResult>(r => r.Done, r => r.Write());

    /// <summary>
    /// How many files are worked on at once (default 4: KMS latency and disk waits overlap the crypto of other files);
    /// output stays in input order. Every file cmdlet names its file sets Path and LiteralPath.
    /// </summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>The output file, for one input file only; several inputs with -OutFile are refused before any is written.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>An existing folder for the outputs of many files, each under its default name.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    public string? DestinationPath { get; set; }

    /// <summary>The overall progress bar's activity ("Encrypting files").</summary>
    private protected abstract string FilesActivity { get; }

    /// <summary>The output of <paramref name="source"/> when neither -OutFile nor -DestinationPath says otherwise.</summary>
    private protected abstract string DefaultOutput(string source);

    /// <summary>Starts the work on one file (with <see cref="RunOnFile"/>).</summary>
    private protected abstract void StartFile(string source, string destination);

    /// <summary>Refuses output parameters that cannot work, before any file: derived cmdlets call it first.</summary>
    protected override void BeginProcessing()
    {
        _progress = new FilesProgress(FilesActivity, TimeProvider.System);
        if (OutFile is not null && DestinationPath is not null)
        {
            ThrowInvocationError(new KmsArgumentException("OutputPathConflict",
                "-OutFile names the output of one file, -DestinationPath a folder for the outputs of many: give one of them."), OutFile);
        }
        if (DestinationPath is null) return;
        _folder = FilePaths.Output(this, DestinationPath);
        if (!Directory.Exists(_folder))
        {
            ThrowInvocationError(new KmsArgumentException("DestinationPathNotFound",
                $"-DestinationPath '{_folder}' is not an existing folder: create it first (New-Item -ItemType Directory), or name another."), DestinationPath);
        }
    }

    /// <summary>
    /// Resolves each path (wildcards unless literal) and starts work on each file; a bad path, or a file whose work
    /// cannot start, is an error of its own, written in its place in the output.
    /// </summary>
    private protected void ForEachFile(IEnumerable<string> paths, bool literal) => CleanUpWhenStopped(() =>
    {
        foreach (var path in paths)
        {
            IReadOnlyList<string> files;
            try
            {
                files = FilePaths.Resolve(this, path, literal);
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                Enqueue(FileWork.Failed(path, e));
                continue;
            }
            foreach (var file in files)
            {
                if (OutFile is not null)
                {
                    HoldOnlyInput(file);
                    continue;
                }
                try
                {
                    StartFile(file, Claim(file, _folder is null ? DefaultOutput(file) : Path.Combine(_folder, Path.GetFileName(DefaultOutput(file)))));
                }
                catch (Exception e) when (IsItemFailure(e))
                {
                    Enqueue(FileWork.Failed(file, e));
                }
            }
        }
    });

    private void HoldOnlyInput(string file)
    {
        if (_onlyInput is null)
        {
            _onlyInput = file;
            return;
        }
        ThrowInvocationError(new KmsArgumentException("OutFileWithManyInputs",
            $"-OutFile names one output file, but more than one file was given ('{_onlyInput}', '{file}', ...): nothing was written. " +
            "Use -DestinationPath <folder> for many files, or omit -OutFile to write each output beside its input."), file);
    }

    /// <summary>The output of <paramref name="source"/>, unless another input of this run already writes it.</summary>
    private string Claim(string source, string destination)
    {
        if (_sources.TryGetValue(destination, out var other) && !PathComparer.Equals(other, source))
        {
            throw new KmsArgumentException("DestinationClash",
                $"'{source}' would write '{destination}', the output of '{other}': it was skipped. Work on inputs of the same name in separate runs.");
        }
        _sources[destination] = source;
        return destination;
    }

    /// <summary>
    /// Starts message work on one file after ShouldProcess; its output or error comes in input order. Work without a
    /// <paramref name="destination"/> writes no file and outputs its source.
    /// </summary>
    private protected void RunOnFile(string source, string? destination, string action, string activity,
        Func<IProgress<long>, Task<KmsMessageInfo>> work)
    {
        if (!ShouldProcess(destination ?? source, action)) return;
        // Two files that share a path (one's output is another's input, or both write one output) never overlap.
        while (_inFlight.InFlight.Any(r => r.File is { } w && (Touches(w, source) || (destination is not null && Touches(w, destination))))) _inFlight.WriteNext();
        if (!OperatingSystem.IsWindows()) _terminate ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => CancelOnTermination());
        var progress = _progress!.Started(LengthOf(source));
        var running = Task.Run(() => work(progress), CancellationToken);
        lock (_started)
        {
            // Only unfinished work matters to a stop: keep the list as short as the files in flight, not the whole run.
            _started.RemoveAll(t => t.IsCompleted);
            _started.Add(running);
        }
        Enqueue(new FileWork(source, destination, activity, running, progress));
    }

    private void Enqueue(FileWork work) => _inFlight.Add(new InputResult(work.Work, () => Write(work), work), ThrottleLimit);

    /// <summary>
    /// Writes the result of a value (its output or its error) in input order: after the files that came before it,
    /// which may still be running, and before those that come after it.
    /// </summary>
    private protected void WriteInOrder(Action write) => CleanUpWhenStopped(() => _inFlight.Add(new InputResult(Task.CompletedTask, write), ThrottleLimit));

    protected override void EndProcessing() => CleanUpWhenStopped(() =>
    {
        try
        {
            WriteRemaining();
        }
        finally
        {
            _terminate?.Dispose();
        }
    });

    private void WriteRemaining()
    {
        if (_onlyInput is { } only)
        {
            try
            {
                StartFile(only, FilePaths.Output(this, OutFile!));
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                Enqueue(FileWork.Failed(only, e));
            }
        }
        _inFlight.WriteAll();
        if (_progress?.Completed() is { } completed) WriteProgress(completed);
    }

    /// <summary>Ctrl+C: every file in flight is cancelled; give them a moment to remove their temporary files.</summary>
    protected override void StopProcessing() => CancelAndWaitForCleanUp();

    // A command that ended by a terminating error never reached EndProcessing: its SIGTERM handler goes here.
    private protected override void Release() => _terminate?.Dispose();

    /// <summary>
    /// The pipeline thread can see the stop first (a progress record or ShouldProcess throws PipelineStoppedException
    /// before StopProcessing has run), and the command must not end before its files have cleaned up: so it too
    /// cancels the work and waits for it.
    /// </summary>
    private void CleanUpWhenStopped(Action body)
    {
        try
        {
            body();
        }
        catch (PipelineStoppedException)
        {
            CancelAndWaitForCleanUp();
            // Stopped by SIGTERM: the process is ending once the handler is done; the script must not go on meanwhile
            // (nor end the process with its own exit code first).
            if (_terminating) Thread.Sleep(TimeSpan.FromSeconds(5));
            _terminate?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// On SIGTERM's thread: removes every unfinished output file at once (work stuck in a read cannot clean up after
    /// itself), then cancels the files in flight like Ctrl+C and waits as long for them; the default handling then
    /// ends the process.
    /// </summary>
    private void CancelOnTermination()
    {
        _terminating = true;
        KmsMessageCrypto.RemoveUnfinishedFiles();
        try
        {
            CancelAndWaitForCleanUp();
        }
        catch (ObjectDisposedException)
        {
            // The command had already ended: nothing of it is left to clean up.
        }
    }

    private void CancelAndWaitForCleanUp()
    {
        base.StopProcessing();
        Task[] started;
        lock (_started) started = _started.ToArray();
        try
        {
            Task.WaitAll(started, TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // Cancelled or failed: either way it has ended, and removed its temporary file.
        }
    }

    /// <summary>
    /// Runs KMS Encrypt or Decrypt of a value. KMS refuses an asymmetric key without an algorithm and names no way out
    /// ("Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048"): the key's spec says what to add.
    /// </summary>
    private protected T WithAlgorithmHint<T>(Func<T> call, KeyRequest? key, string? algorithm)
    {
        try
        {
            return call();
        }
        catch (KmsServiceException e) when (e.ErrorCode == "InvalidKeyUsageException" && algorithm is null && key is not null && FittingAlgorithm(key) is { } fits)
        {
            throw new KmsServiceException(e.ErrorCode, $"{e.Message} Add -EncryptionAlgorithm {fits.Algorithm} for this {fits.KeySpec} key.", e.StatusCode, e.RequestId, e);
        }
    }

    private (string Algorithm, string KeySpec)? FittingAlgorithm(KeyRequest key)
    {
        try
        {
            var spec = Await(new KmsKeyReader(ActiveSession).GetAsync(key, CancellationToken)).KeySpec;
            return KeyFit.EncryptionAlgorithmFor(spec) is { } algorithm ? (algorithm, spec) : null;
        }
        catch (KmsException)
        {
            return null; // not allowed to describe the key: KMS's own words stay
        }
    }

    private void Write(FileWork work)
    {
        try
        {
            var info = AwaitWithTicks(work.Work, () => ShowProgress(work));
            WriteVerbose(MessageVerbose.Describe(info));
            // As Get-Item gives it (with PSPath), so the output pipes on: Protect-KmsData ... | Unprotect-KmsData ...
            WriteObject(InvokeProvider.Item.Get([work.Destination ?? work.Source], force: false, literalPath: true), enumerateCollection: true);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, work.Source);
        }
        finally
        {
            if (work.Progress is { } progress) Finish(work, progress);
        }
    }

    private void ShowProgress(FileWork work)
    {
        if (_progress!.Due() is { } overall) WriteProgress(overall);
        if (work.Progress is { Length: >= FilesProgress.LargeFile } progress)
        {
            work.BarShown = true;
            WriteProgress(_progress.File(work.Activity, progress, ProgressRecordType.Processing));
        }
    }

    private void Finish(FileWork work, FilesProgress.FileBytes progress)
    {
        _progress!.Done(progress);
        if (work.BarShown) WriteProgress(_progress.File(work.Activity, progress, ProgressRecordType.Completed));
        if (_progress.Due() is { } overall) WriteProgress(overall);
    }

    private static bool Touches(FileWork work, string path) =>
        PathComparer.Equals(work.Source, path) || (work.Destination is { } destination && PathComparer.Equals(destination, path));

    private static long LengthOf(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>One input's place in the output: its work (a file's, maybe still running, or a value's, done) and how its result is written.</summary>
    private sealed record InputResult(Task Done, Action Write, FileWork? File = null);

    /// <summary>One file's work: started, maybe finished; a failure to start is a finished, failed work, without progress.</summary>
    private sealed record FileWork(string Source, string? Destination, string Activity, Task<KmsMessageInfo> Work, FilesProgress.FileBytes? Progress)
    {
        public bool BarShown { get; set; }

        public static FileWork Failed(string source, Exception error) => new(source, null, "", Task.FromException<KmsMessageInfo>(error), null);
    }
}
