using System.Management.Automation;
using KmsPowerShell.Engine.Signing;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Commands.Signing;

/// <summary>
/// What New-KmsSignature and Test-KmsSignature share: the message (-Message, up to 4096 bytes, sent as it is) or files
/// (-Path, -LiteralPath: any size, hashed here and sent as a DIGEST), and the signing algorithm checked against the key.
/// </summary>
public abstract class KmsSignatureCmdlet : KmsKeyUseCmdlet
{
    protected const string MessageSet = "Message";
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>The message: a string (as UTF-8) or bytes, 4096 bytes at most; use -Path for more.</summary>
    /// <remarks>Not taken from the pipeline: piped files (Get-ChildItem) bind to -LiteralPath, the default set.</remarks>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = MessageSet)]
    public object Message { get; set; } = null!;

    /// <summary>Files to sign or verify, wildcards allowed; each is hashed here and sent as a DIGEST.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Files named exactly (no wildcards); binds the PSPath of piped Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>
    /// RAW (the default): KMS hashes the message. DIGEST: the message is already the digest, and is not hashed again.
    /// EXTERNAL_MU: ML-DSA's 64-byte message representative μ.
    /// </summary>
    [Parameter(ParameterSetName = MessageSet)]
    [ValidateSet("RAW", "DIGEST", "EXTERNAL_MU")]
    public string MessageType { get; set; } = "RAW";

    /// <summary>The signing algorithm; optional for keys with one (ECC keys). Checked against the key before any call.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateKmsName(KmsNameList.SigningAlgorithm), ArgumentCompleter(typeof(SigningAlgorithmCompleter))]
    public string? SigningAlgorithm { get; set; }

    /// <summary>What this cmdlet is, in error messages ("New-KmsSignature").</summary>
    protected string Purpose => MyInvocation.MyCommand.Name;

    /// <summary>The key's usage and algorithms; the online check describes the key, -Offline reads the public key.</summary>
    private protected virtual KeyFit? Fit() => DescribeOnce();

    protected override void ProcessRecord()
    {
        string algorithm;
        try
        {
            var fit = Fit();
            fit?.RequireUsage("SIGN_VERIFY", Purpose);
            algorithm = fit?.Choose(SigningAlgorithm, "-SigningAlgorithm") ?? SigningAlgorithm ?? throw KeyFit.Required("-SigningAlgorithm", null);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, KeyId.Value);
            return;
        }
        foreach (var (path, resolveError) in InputFiles())
        {
            try
            {
                if (resolveError is not null) throw resolveError;
                Process(ContentOf(path, algorithm), algorithm);
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, (object?)path ?? KeyId.Value);
            }
            catch (Exception e) when (IsFileFailure(e))
            {
                WriteFileError(e, path ?? "");
            }
        }
    }

    /// <summary>Signs or verifies one input.</summary>
    private protected abstract void Process(SignedContent content, string algorithm);

    /// <summary>The files to read (a null path: the -Message); a path that matches nothing comes with its error.</summary>
    private IEnumerable<(string? Path, Exception? Error)> InputFiles()
    {
        if (ParameterSetName == MessageSet)
        {
            yield return (null, null);
            yield break;
        }
        foreach (var name in ParameterSetName == PathSet ? Path : LiteralPath)
        {
            List<string> files;
            Exception? error = null;
            try
            {
                files = ParameterSetName == PathSet
                    ? [.. GetResolvedProviderPathFromPSPath(name, out _)]
                    : [SessionState.Path.GetUnresolvedProviderPathFromPSPath(name)];
            }
            catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException)
            {
                files = [name];
                error = e;
            }
            foreach (var file in files) yield return (file, error);
        }
    }

    private SignedContent ContentOf(string? path, string algorithm)
    {
        if (path is not null)
        {
            var hash = SigningDigests.HashOf(algorithm) ?? throw new KmsArgumentException("SigningAlgorithmUnsupported",
                $"{algorithm} cannot sign a digest made here (files are hashed here and sent as a DIGEST); use -Message, up to 4096 bytes.");
            return new SignedContent(DigestOfFile(path, hash), "DIGEST", path);
        }
        var message = MessageValue.ToBytes(Message);
        if (!SigningMessageTypes.For(algorithm).Contains(MessageType))
        {
            throw new KmsArgumentException("MessageTypeInvalid",
                $"{algorithm} does not take -MessageType {MessageType}: it takes {string.Join(" or ", SigningMessageTypes.For(algorithm))}.");
        }
        if (SigningMessageTypes.ExactBytes(algorithm, MessageType) is { } length)
        {
            if (message.Length != length)
            {
                throw new KmsArgumentException("DigestLengthInvalid", MessageType == SigningMessageTypes.ExternalMu
                    ? $"-Message is {message.Length} bytes, but EXTERNAL_MU is ML-DSA's {length}-byte μ: pass μ, or -MessageType RAW."
                    : $"-Message is {message.Length} bytes, but a DIGEST for {algorithm} is {length} bytes: pass the hash of the message{(SigningMessageTypes.For(algorithm).Contains(SigningMessageTypes.Raw) ? ", or -MessageType RAW" : "")}.");
            }
        }
        else if (message.Length is 0 or > MessageValue.MaxBytes)
        {
            throw new KmsArgumentException(message.Length == 0 ? "MessageEmpty" : "MessageTooLarge", message.Length == 0
                ? "-Message is empty: KMS signs 1 to 4096 bytes."
                : $"-Message is {message.Length} bytes; KMS signs at most {MessageValue.MaxBytes}. {LargeDataHint(algorithm)}");
        }
        return new SignedContent(message, MessageType, null);
    }

    /// <summary>How to sign more than 4096 bytes with <paramref name="algorithm"/>.</summary>
    private static string LargeDataHint(string algorithm) => algorithm switch
    {
        _ when SigningDigests.HashOf(algorithm) is not null => "Use -Path for files and large data: they are hashed here and signed as a digest.",
        "ED25519_SHA_512" => "Use ED25519_PH_SHA_512 with -Path for files and large data: they are hashed here (SHA-512) and signed as a digest.",
        "ML_DSA_SHAKE_256" => "For large data, compute ML-DSA's μ from the message and the public key and sign it with -MessageType EXTERNAL_MU.",
        _ => "For large data, compute the digest and sign it with -MessageType DIGEST.",
    };
}
