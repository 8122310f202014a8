using System.Management.Automation;
using KmsPowerShell.Engine.Encryption;

namespace KmsPowerShell.Commands.Data;

/// <summary>Gets random bytes from KMS (GenerateRandom): base64 text by default, bytes with -AsByteArray.</summary>
[Cmdlet(VerbsCommon.Get, "KmsRandom")]
[OutputType(typeof(string), typeof(byte[]))]
public sealed class GetKmsRandomCommand : KmsRegionCmdlet
{
    /// <summary>How many random bytes, 1 to 1024.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateRange(1, 1024)]
    public int NumberOfBytes { get; set; }

    [Parameter]
    public SwitchParameter AsByteArray { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var bytes = Await(new KmsCrypto(ActiveSession).GenerateRandomAsync(RegionOrDefault(Region), NumberOfBytes, CancellationToken));
            if (AsByteArray)
            {
                WriteObject(bytes);
                return;
            }
            WriteObject(Convert.ToBase64String(bytes));
            SecretValue.Zero(bytes);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, NumberOfBytes);
        }
    }
}
