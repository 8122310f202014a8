using System.Management.Automation;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Commands.Local;

/// <summary>Stops local KMS servers: those given by port (or piped from Start-KmsLocalServer), or all of them.</summary>
[Cmdlet(VerbsLifecycle.Stop, "KmsLocalServer", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class StopKmsLocalServerCommand : PSCmdlet
{
    /// <summary>The ports of the servers to stop; every running server when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public int[]? Port { get; set; }

    protected override void ProcessRecord()
    {
        var ports = Port ?? LocalKmsRegistry.RunningServers.Select(s => s.Port).ToArray();
        foreach (var port in ports)
        {
            if (!ShouldProcess($"127.0.0.1:{port}", "Stop the local KMS server")) continue;
            if (!LocalKmsRegistry.StopServer(port))
            {
                var error = new KmsArgumentException("LocalServerNotFound", $"No local KMS server of this process listens on port {port}.");
                WriteError(KmsErrorMap.ToErrorRecord(error, port));
            }
        }
    }
}
