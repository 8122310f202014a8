using System.Management.Automation;

namespace KmsPowerShell.Commands.Signing;

/// <summary>Computes an HMAC of a message with an HMAC KMS key; the key never leaves KMS, so only KMS can check it (Test-KmsMac).</summary>
[Cmdlet(VerbsCommon.New, "KmsMac")]
[OutputType(typeof(KmsMac))]
public sealed class NewKmsMacCommand : KmsMacCmdlet
{
    protected override void Process(byte[] message, string algorithm)
    {
        var mac = Await(Signer.GenerateMacAsync(Key, message, algorithm, GrantTokens, CancellationToken));
        WriteVerbose($"Computed the {mac.MacAlgorithm} of {message.Length} bytes with {mac.KeyArn}.");
        WriteObject(mac);
    }
}
