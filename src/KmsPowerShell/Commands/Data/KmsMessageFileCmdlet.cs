using System.Management.Automation;

namespace KmsPowerShell.Commands.Data;

/// <summary>
/// What the cmdlets that work on AWS Encryption SDK message files share: each file is one pipeline item, -OutFile
/// names the output of one input only, and every file gets ShouldProcess, a progress bar when large, -Verbose about
/// the message, and its output FileInfo.
/// </summary>
public abstract class KmsMessageFileCmdlet : KmsCmdlet
{
    private int _files;

    /// <summary>Resolves each path (wildcards unless literal) and works on each file; a bad path is an error of its own.</summary>
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
                WriteKmsError(e, path);
                continue;
            }
            foreach (var file in files) work(file);
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

    /// <summary>Runs message work on one file after ShouldProcess; errors are the caller's to report for the file.</summary>
    private protected void RunOnFile(string source, string destination, string action, string activity,
        Func<LatestProgress, Task<KmsMessageInfo>> work)
    {
        if (!ShouldProcess(destination, action)) return;
        var progress = new LatestProgress();
        var info = AwaitWithProgress(work(progress), progress, new FileInfo(source).Length, activity);
        WriteVerbose(MessageVerbose.Describe(info));
        WriteObject(new FileInfo(destination));
    }
}
