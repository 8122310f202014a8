using System.Management.Automation;

namespace KmsPowerShell.Commands.Signing;

/// <summary>
/// Signs a message (up to 4096 bytes) or files of any size (hashed here, signed as a digest) with an asymmetric KMS key.
/// The private key never leaves KMS; anyone with the public key (Get-KmsPublicKey) can verify.
/// </summary>
[Cmdlet(VerbsCommon.New, "KmsSignature", DefaultParameterSetName = LiteralPathSet, SupportsShouldProcess = true)]
[OutputType(typeof(KmsSignature))]
public sealed class NewKmsSignatureCommand : KmsSignatureCmdlet
{
    /// <summary>Writes the signature bytes to this file (a detached signature, as openssl dgst -signature reads it).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrites an existing -OutFile.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>With -OutFile, also writes the KmsSignature to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void Process(SignedContent content, string algorithm)
    {
        string? outFile = null;
        if (OutFile is not null)
        {
            outFile = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            OutputFile.RequireWritable(outFile, Force);
            if (!ShouldChange(outFile, $"Write the {algorithm} signature of {content.Target} by {KeyId.Value}", Force)) return;
        }
        // Like every data cmdlet that offers -WhatIf: no use of the key without asking.
        else if (!ShouldProcess(KeyId.Value, $"Sign {content.Target} ({algorithm})")) return;
        var signature = Await(Signer.SignAsync(Key, content.Bytes, content.MessageType, algorithm, GrantTokens, CancellationToken));
        signature.File = content.File;
        WriteVerbose($"Signed {(content.File ?? $"{content.Bytes.Length} bytes")} ({content.MessageType}) with {signature.KeyArn} using {signature.SigningAlgorithm}.");
        if (outFile is null)
        {
            WriteObject(signature);
            return;
        }
        OutputFile.Write(outFile, signature.Signature, Force);
        if (PassThru) WriteObject(signature);
    }
}
