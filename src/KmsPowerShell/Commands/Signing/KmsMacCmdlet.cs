using System.Management.Automation;

namespace KmsPowerShell.Commands.Signing;

/// <summary>What New-KmsMac and Test-KmsMac share: the message and the MAC algorithm, checked against the HMAC key before any call.</summary>
public abstract class KmsMacCmdlet : KmsKeyUseCmdlet
{
    /// <summary>The message: a string (as UTF-8) or bytes, 1 to 4096 bytes.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    public object Message { get; set; } = null!;

    /// <summary>HMAC_SHA_224, _256, _384 or _512; optional, since each HMAC key has one.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateKmsName(KmsNameList.MacAlgorithm), ArgumentCompleter(typeof(MacAlgorithmCompleter))]
    public string? MacAlgorithm { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var fit = DescribeOnce();
            fit?.RequireUsage("GENERATE_VERIFY_MAC", MyInvocation.MyCommand.Name);
            var algorithm = fit?.Choose(MacAlgorithm, "-MacAlgorithm") ?? MacAlgorithm ?? throw KeyFit.Required("-MacAlgorithm", null);
            var message = MessageValue.ToBytes(Message);
            if (message.Length is 0 or > MessageValue.MaxBytes)
            {
                throw new KmsArgumentException(message.Length == 0 ? "MessageEmpty" : "MessageTooLarge",
                    $"-Message is {message.Length} bytes; KMS computes MACs of 1 to {MessageValue.MaxBytes} bytes.");
            }
            Process(message, algorithm);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, KeyId.Value);
        }
    }

    protected abstract void Process(byte[] message, string algorithm);
}
