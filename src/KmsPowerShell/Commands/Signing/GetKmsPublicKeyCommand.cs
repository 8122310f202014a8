using System.Management.Automation;
using System.Text;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Signing;

namespace KmsPowerShell.Commands.Signing;

/// <summary>
/// Gets the public key of asymmetric KMS keys: DER and PEM, with the key's spec, usage and algorithms, for verifying
/// signatures or encrypting outside KMS. -OutFile writes the PEM.
/// </summary>
[Cmdlet(VerbsCommon.Get, "KmsPublicKey", SupportsShouldProcess = true)]
[OutputType(typeof(KmsPublicKey))]
public sealed class GetKmsPublicKeyCommand : KmsKeyCmdlet
{
    private KmsSigner? _signer;

    /// <summary>Grant tokens that allow the call before the grant is everywhere; a piped KmsGrant binds its token here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? GrantToken { get; set; }

    /// <summary>Writes the public key as PEM to this file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrites an existing -OutFile.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>With -OutFile, also writes the KmsPublicKey to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessKey(KmsKeyReference reference)
    {
        string? outFile = null;
        if (OutFile is not null)
        {
            outFile = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            OutputFile.RequireWritable(outFile, Force);
            if (!ShouldChange(outFile, $"Write the public key of {reference.Value} as PEM", Force)) return;
        }
        _signer ??= new KmsSigner(ActiveSession);
        var publicKey = Await(_signer.GetPublicKeyAsync(KeyRequest.For(reference.Value, RegionOrDefault(Region)), GrantToken ?? [], CancellationToken));
        if (outFile is null)
        {
            WriteObject(publicKey);
            return;
        }
        try
        {
            OutputFile.Write(outFile, Encoding.ASCII.GetBytes(publicKey.Pem + "\n"), Force);
            WriteVerbose($"Wrote the public key of {publicKey.KeyArn} to {outFile}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteKmsError(e, outFile);
            return;
        }
        if (PassThru) WriteObject(publicKey);
    }
}
