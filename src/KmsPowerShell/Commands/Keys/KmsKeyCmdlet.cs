using System.Management.Automation;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>
/// A cmdlet that works on keys named by -KeyId (any identifier form, or KmsKey objects from the pipeline):
/// each key is one pipeline item, and a failure of one key is a non-terminating error.
/// </summary>
public abstract class KmsKeyCmdlet : KmsRegionCmdlet
{
    private KmsKeyReader? _reader;

    /// <summary>Key ids, key ARNs, alias names, alias ARNs, or KmsKey objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn", "TargetKeyId")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    [ValidateNotNullOrEmpty]
    public KmsKeyReference[] KeyId { get; set; } = [];

    protected KmsKeyReader Reader => _reader ??= new KmsKeyReader(ActiveSession);

    protected override void ProcessRecord()
    {
        foreach (var reference in KeyId)
        {
            try
            {
                ProcessKey(reference);
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, reference.Value);
            }
        }
    }

    protected abstract void ProcessKey(KmsKeyReference reference);

    /// <summary>The key with its details and aliases; a piped KmsKey is used as it is.</summary>
    protected KmsKey Describe(KmsKeyReference reference) =>
        reference.Key ?? Await(Reader.GetAsync(KeyRequest.For(reference.Value, RegionOrDefault(Region)), CancellationToken));

    /// <summary>
    /// The key exactly: its id in its own region. (Admin operations never cross accounts, so the id is as exact as
    /// the ARN; moto fails some of them when given an ARN.)
    /// </summary>
    protected static KeyRequest RequestFor(KmsKey key) => new(key.KeyId, key.Region);

    /// <summary>How a key is named in confirmations: its first alias and its id.</summary>
    protected static string NameOf(KmsKey key) => key.Aliases.Count > 0 ? $"{key.Aliases[0]} ({key.KeyId})" : key.KeyId;
}
