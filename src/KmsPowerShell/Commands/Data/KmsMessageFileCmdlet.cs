using System.Management.Automation;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// What the cmdlets that work on AWS Encryption SDK message files share: each file is one pipeline item, -OutFile
/// names the output of one input only, and every file gets ShouldProcess, a progress bar when large, -Verbose about
/// the message, and its output FileInfo. Up to <see cref="ThrottleLimit"/> files are worked on at once; their
/// outputs and errors are written in input order, on the pipeline thread.
/// </summary>
public abstract class KmsMessageFileCmdlet : KmsCmdlet
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
    private readonly OrderedWindow<FileWork> _inFlight;
    private int _files;

    protected KmsMessageFileCmdlet() => _inFlight = new OrderedWindow<FileWork>(w => w.Work, Write);

    /// <summary>
    /// How many files are worked on at once (default 4: KMS latency and disk waits overlap the crypto of other files);
    /// output stays in input order. Every file cmdlet names its file sets Path and LiteralPath.
    /// </summary>
    [Parameter(ParameterSetName = "Path")]
    [Parameter(ParameterSetName = "LiteralPath")]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>
    /// Resolves each path (wildcards unless literal) and starts work on each file; a bad path, or a file whose work
    /// cannot start, is an error of its own, written in its place in the output.
    /// </summary>
    protected void ForEachFile(IEnumerable<string> paths, bool literal, Action<string> work)
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
                _inFlight.Add(FileWork.Failed(path, e), ThrottleLimit);
                continue;
            }
            foreach (var file in files)
            {
                try
                {
                    work(file);
                }
                catch (Exception e) when (IsItemFailure(e))
                {
                    _inFlight.Add(FileWork.Failed(file, e), ThrottleLimit);
                }
            }
        }
    }

    /// <summary>The output of <paramref name="source"/>: -OutFile for the first input only, else <paramref name="byDefault"/>.</summary>
    protected string DestinationFor(string source, string? outFile, Func<string, string> byDefault)
    {
        if (outFile is not null && ++_files > 1)
        {
            throw new KmsArgumentException("OutFileWithManyInputs",
                "-OutFile names one output file, but more than one file was given: omit -OutFile to write an output beside each.");
        }
        return outFile is null ? byDefault(source) : FilePaths.Output(this, outFile);
    }

    /// <summary>Starts message work on one file after ShouldProcess; its output or error comes in input order.</summary>
    private protected void RunOnFile(string source, string destination, string action, string activity,
        Func<LatestProgress, Task<KmsMessageInfo>> work)
    {
        if (!ShouldProcess(destination, action)) return;
        // Two files that share a path (one's output is another's input, or both write one output) never overlap.
        while (_inFlight.InFlight.Any(w => Touches(w, source) || Touches(w, destination))) _inFlight.WriteNext();
        var progress = new LatestProgress();
        _inFlight.Add(new FileWork(source, destination, activity, Task.Run(() => work(progress), CancellationToken), progress), ThrottleLimit);
    }

    protected override void EndProcessing() => _inFlight.WriteAll();

    /// <summary>Ctrl+C: every file in flight is cancelled; give them a moment to remove their temporary files.</summary>
    protected override void StopProcessing()
    {
        base.StopProcessing();
        _inFlight.WaitAll(TimeSpan.FromSeconds(1));
    }

    private void Write(FileWork work)
    {
        try
        {
            var info = AwaitWithProgress(work.Work, work.Progress, work.Activity.Length == 0 ? 0 : LengthOf(work.Source), work.Activity);
            WriteVerbose(MessageVerbose.Describe(info));
            // As Get-Item gives it (with PSPath), so the output pipes on: Protect-KmsData ... | Unprotect-KmsData ...
            WriteObject(InvokeProvider.Item.Get([work.Destination!], force: false, literalPath: true), enumerateCollection: true);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, work.Source);
        }
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

    /// <summary>One file's work: started, maybe finished; a failure to start is a finished, failed work.</summary>
    private sealed record FileWork(string Source, string? Destination, string Activity, Task<KmsMessageInfo> Work, LatestProgress Progress)
    {
        public static FileWork Failed(string source, Exception error) =>
            new(source, null, "", Task.FromException<KmsMessageInfo>(error), new LatestProgress());
    }
}
