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

    /// <summary>
    /// After -WhatIf's line, says who gains or loses which key actions: each principal either policy names judged by
    /// the key policy alone, and the caller, when the session's local KMS knows it, with its identity policies. One line
    /// per principal and direction, written as Write-Host writes (information tagged PSHOST and KmsPolicyChange).
    /// </summary>
    protected override void AfterWhatIf(KmsKey key)
    {
        string current;
        try
        {
            current = Await(new KmsPolicyAdmin(ActiveSession).GetAsync(RequestFor(key), "default", CancellationToken));
        }
        catch (KmsServiceException e) when (e.ErrorCode == "AccessDeniedException")
        {
            WriteWarning($"The caller may not read the key policy of {NameOf(key)}, so -WhatIf cannot say who would gain or lose access.");
            return;
        }
        var before = PolicyAccessInputs.Parse(current, "The current key policy");
        var after = PolicyAccessInputs.Parse(_policy);
        var caller = LocalPrincipalFacts.Caller(ActiveSession) is { } known ? LocalPrincipalFacts.Subject(known) : null;
        var subjects = KeyAccessCheck.PrincipalsNamed(caller is null ? [] : [caller.PrincipalArn], before, after)
            .Select(arn => arn == caller?.PrincipalArn ? caller : AccessSubject.KeyPolicyAlone(arn));
        var check = new KeyAccessCheck(new KeyFacts(key.Arn) { Key = key }, [], TimeProvider.System.GetUtcNow());
        var lines = KeyAccessCheck.Describe(check.Changes(before, after, subjects),
            arn => arn == caller?.PrincipalArn ? "the caller, with its identity policies" : "key policy alone");
        foreach (var line in lines.DefaultIfEmpty($"No principal the policies name gains or loses an action on {NameOf(key)}."))
        {
            WriteInformation(new HostInformationMessage { Message = "What if: " + line }, ["PSHOST", "KmsPolicyChange"]);
        }
    }

    protected override string Action(KmsKey key) =>
        "Replace the key policy" + (BypassPolicyLockoutSafetyCheck ? " (bypassing the lockout safety check)" : "");

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsPolicyAdmin(ActiveSession).PutAsync(key, _policy, BypassPolicyLockoutSafetyCheck, cancellationToken);

    protected override object PassThruObject(KmsKey key) =>
        Await(new KmsPolicyAdmin(ActiveSession).GetAsync(RequestFor(key), "default", CancellationToken));
}
