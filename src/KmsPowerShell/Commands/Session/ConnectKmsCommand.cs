using System.Management.Automation;
using System.Net;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Commands.Session;

/// <summary>Makes a KMS session the current one of this runspace.</summary>
[Cmdlet(VerbsCommunications.Connect, "Kms", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ChainSet)]
[OutputType(typeof(KmsSession))]
public sealed class ConnectKmsCommand : KmsCommand
{
    private const string ChainSet = "Chain";
    private const string KeysSet = "AccessKey";
    private const string CredentialSet = "Credential";
    private const string LocalSet = "Local";

    [Parameter(ParameterSetName = ChainSet)]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string? ProfileName { get; set; }

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeysSet)]
    [Parameter(ParameterSetName = LocalSet)]
    public string AccessKey { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = KeysSet)]
    [Parameter(ParameterSetName = LocalSet)]
    public string SecretKey { get; set; } = "";

    [Parameter(ParameterSetName = KeysSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public string? SessionToken { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    [Parameter(ParameterSetName = ChainSet)]
    [Parameter(ParameterSetName = KeysSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public string? EndpointUrl { get; set; }

    [Parameter(ParameterSetName = ChainSet)]
    [Parameter(ParameterSetName = KeysSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public SwitchParameter AllowInsecureEndpoint { get; set; }

    /// <summary>Use the local KMS in this process: no AWS account, no network.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
    public SwitchParameter Local { get; set; }

    /// <summary>The file the local KMS keeps its state in, so keys outlive the process; memory when omitted.</summary>
    [Parameter(ParameterSetName = LocalSet)]
    public string? LocalStatePath { get; set; }

    // Not with -Local: the local KMS has no FIPS or dual-stack endpoint to choose.
    [Parameter(ParameterSetName = ChainSet)]
    [Parameter(ParameterSetName = KeysSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public SwitchParameter UseFipsEndpoint { get; set; }

    // Not with -Local: the local KMS has no FIPS or dual-stack endpoint to choose.
    [Parameter(ParameterSetName = ChainSet)]
    [Parameter(ParameterSetName = KeysSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public SwitchParameter UseDualStackEndpoint { get; set; }

    [Parameter]
    public KmsRetryMode RetryMode { get; set; } = KmsRetryMode.Standard;

    [Parameter]
    [ValidateRange(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Seconds one HTTP attempt may take.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    [Alias("TimeoutSec")]
    public int Timeout { get; set; } = 30;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var (accessKey, secretKey) = ParameterSetName switch
        {
            KeysSet or LocalSet => (NullIfEmpty(AccessKey), NullIfEmpty(SecretKey)),
            CredentialSet => (Credential.UserName, Credential.GetNetworkCredential().Password),
            _ => ((string?)null, (string?)null),
        };
        var options = new KmsSessionOptions
        {
            ProfileName = ProfileName,
            Region = Region,
            AccessKey = accessKey,
            SecretKey = secretKey,
            SessionToken = SessionToken,
            EndpointUrl = EndpointUrl,
            AllowInsecureEndpoint = AllowInsecureEndpoint,
            UseFipsEndpoint = MyInvocation.BoundParameters.ContainsKey(nameof(UseFipsEndpoint)) ? UseFipsEndpoint.IsPresent : null,
            UseDualStackEndpoint = MyInvocation.BoundParameters.ContainsKey(nameof(UseDualStackEndpoint)) ? UseDualStackEndpoint.IsPresent : null,
            RetryMode = RetryMode,
            MaxAttempts = MaxAttempts,
            Timeout = TimeSpan.FromSeconds(Timeout),
            Local = Local,
            LocalStatePath = string.IsNullOrEmpty(LocalStatePath) ? null : GetUnresolvedProviderPathFromPSPath(LocalStatePath),
        };
        // A failed Connect-Kms leaves no session, so the next cmdlet cannot fall back to the AWS chain unnoticed.
        var session = CreateSessionOrThrow(options, e => { if (!IsWhatIf) SessionStore.ConnectFailed(e.Message); });
        if (!ShouldProcess($"{session.Region} ({session.CredentialSource})", "Make the current KMS session"))
        {
            session.Dispose();
            return;
        }
        if (RegionHint.Warning(session.Region) is { } unknownRegion) WriteWarning(unknownRegion);
        if (session.IsLocal) LocalStateWarnings.Write(this, session.LocalStatePath);
        SessionStore.Connected(session, handedOut: PassThru);
        if (PassThru) WriteObject(session);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
