using System.Management.Automation;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Commands.Local;

/// <summary>
/// Serves the local KMS over HTTP on 127.0.0.1, so awscli, other SDKs and the Encryption SDKs can use it.
/// It shares its keys with Connect-Kms -Local sessions of this process that name the same state.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "KmsLocalServer", SupportsShouldProcess = true)]
[OutputType(typeof(KmsLocalServer))]
public sealed class StartKmsLocalServerCommand : PSCmdlet
{
    /// <summary>The loopback port; 0 (the default) takes a free one.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>The file the local KMS keeps its state in; memory when omitted. Named as in every other cmdlet;
    /// -StatePath, its first name, still binds.</summary>
    [Parameter]
    [Alias("StatePath")]
    public string? LocalStatePath { get; set; }

    protected override void EndProcessing()
    {
        var statePath = string.IsNullOrEmpty(LocalStatePath) ? null : GetUnresolvedProviderPathFromPSPath(LocalStatePath);
        if (!ShouldProcess($"127.0.0.1:{(Port == 0 ? "a free port" : Port)}", "Serve the local KMS over HTTP")) return;
        try
        {
            var server = LocalKmsRegistry.StartServer(statePath, Port);
            LocalStateWarnings.Write(this, statePath);
            WriteVerbose($"The local KMS listens on {server.Endpoint}. Sign with access key {LocalKmsPrincipal.DefaultAccessKeyId}.");
            WriteObject(new KmsLocalServer(server.Endpoint.ToString(), server.Port, statePath,
                LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey));
        }
        catch (KmsConfigurationException e)
        {
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(e, LocalStatePath));
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidOperationException)
        {
            var error = new KmsConfigurationException("LocalServerNotStarted", $"The local KMS server could not start: {e.Message}", e);
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(error, Port));
        }
    }
}
