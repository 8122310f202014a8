using System.Management.Automation;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Policies;

/// <summary>Replaces the key policy of keys. The JSON is checked here first, so a typo never reaches KMS.</summary>
[Cmdlet(VerbsCommon.Set, "KmsKeyPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = TextSet)]
[OutputType(typeof(string))]
public sealed class SetKmsKeyPolicyCommand : KmsKeyChangeCmdlet
{
    private const string TextSet = "Text";
    private const string PathSet = "Path";
    private string _policy = "";

    /// <summary>The policy as JSON text.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = TextSet)]
    public string Policy { get; set; } = "";

    /// <summary>A file that holds the policy.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    public string Path { get; set; } = "";

    /// <summary>Skips KMS's check that the policy still lets the caller manage the key. Use with care.</summary>
    [Parameter]
    public SwitchParameter BypassPolicyLockoutSafetyCheck { get; set; }

    /// <summary>Replaces the policy without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceChange => Force;

    protected override void BeginProcessing()
    {
        try
        {
            _policy = PolicyText.Read(this, ParameterSetName == TextSet ? Policy : null, ParameterSetName == PathSet ? Path : null)!;
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, ParameterSetName == PathSet ? Path : "Policy");
        }
    }

    protected override string Action(KmsKey key) =>
        "Replace the key policy" + (BypassPolicyLockoutSafetyCheck ? " (bypassing the lockout safety check)" : "");

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsPolicyAdmin(ActiveSession).PutAsync(key, _policy, BypassPolicyLockoutSafetyCheck, cancellationToken);

    protected override object PassThruObject(KmsKey key) =>
        Await(new KmsPolicyAdmin(ActiveSession).GetAsync(RequestFor(key), "default", CancellationToken));
}
