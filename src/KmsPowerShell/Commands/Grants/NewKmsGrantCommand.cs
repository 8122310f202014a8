using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.Grants;

/// <summary>
/// Creates a grant that lets a principal use a key for some operations. The returned grant token makes the grant
/// usable at once. -WhatIf asks KMS (DryRun) whether the grant would be allowed.
/// </summary>
[Cmdlet(VerbsCommon.New, "KmsGrant", SupportsShouldProcess = true, DefaultParameterSetName = NoConstraintSet)]
[OutputType(typeof(KmsGrant))]
public sealed class NewKmsGrantCommand : KmsKeyCmdlet
{
    private const string NoConstraintSet = "NoConstraint";
    private const string EqualsSet = "EncryptionContextEquals";
    private const string SubsetSet = "EncryptionContextSubset";
    private NewGrantRequest? _grant;

    /// <summary>The IAM principal ARN that may use the grant.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string GranteePrincipal { get; set; } = "";

    /// <summary>The operations the grant allows.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [ArgumentCompleter(typeof(GrantOperationCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Operation { get; set; } = [];

    /// <summary>The IAM principal ARN that may retire the grant.</summary>
    [Parameter]
    public string? RetiringPrincipal { get; set; }

    /// <summary>A name that makes the call idempotent: the same name and settings give the same grant.</summary>
    [Parameter]
    [ValidateLength(1, 256)]
    public string? Name { get; set; }

    /// <summary>The grant only allows requests whose encryption context is exactly these pairs.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EqualsSet)]
    public Hashtable? EncryptionContextEquals { get; set; }

    /// <summary>The grant only allows requests whose encryption context includes these pairs.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SubsetSet)]
    public Hashtable? EncryptionContextSubset { get; set; }

    [Parameter]
    public string[]? GrantToken { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            _grant = new NewGrantRequest(GranteePrincipal, Operation, RetiringPrincipal, Name,
                EncryptionContextEquals is null ? null : ContextTable.From(EncryptionContextEquals, "-EncryptionContextEquals"),
                EncryptionContextSubset is null ? null : ContextTable.From(EncryptionContextSubset, "-EncryptionContextSubset"),
                GrantToken ?? []).Validated();
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, GranteePrincipal);
        }
    }

    protected override void ProcessKey(KmsKeyReference reference)
    {
        var key = Describe(reference);
        var admin = new KmsGrantAdmin(ActiveSession);
        var action = $"Grant {GranteePrincipal} {string.Join(", ", Operation)}";
        if (MyInvocation.BoundParameters.ContainsKey("WhatIf"))
        {
            var refusal = Await(admin.DryRunAsync(RequestFor(key), _grant!, CancellationToken));
            action += refusal is null ? " (KMS dry run: the grant would be allowed)" : $" (KMS dry run: refused, {refusal.ErrorCode}: {refusal.Message})";
        }
        if (!ShouldProcess(NameOf(key), action)) return;
        WriteObject(Await(admin.CreateAsync(RequestFor(key), key.Arn, _grant!, CancellationToken)));
    }
}
