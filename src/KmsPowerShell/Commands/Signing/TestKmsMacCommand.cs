using System.Management.Automation;

namespace KmsPowerShell.Commands.Signing;

/// <summary>Checks a MAC with KMS VerifyMac: $true or $false (a MAC that does not match is an answer, not an error).</summary>
[Cmdlet(VerbsDiagnostic.Test, "KmsMac")]
[OutputType(typeof(bool))]
public sealed class TestKmsMacCommand : KmsMacCmdlet
{
    /// <summary>The MAC: bytes, or base64 text; a piped KmsMac binds it by property name.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Base64Bytes]
    [ValidateNotNullOrEmpty]
    public byte[] Mac { get; set; } = [];

    protected override void Process(byte[] message, string algorithm)
    {
        var valid = Await(Signer.VerifyMacAsync(Key, message, algorithm, Mac, GrantTokens, CancellationToken));
        WriteVerbose($"The {algorithm} of {message.Length} bytes is {(valid ? "valid" : "not valid")} for {KeyId.Value}.");
        WriteObject(valid);
    }
}
