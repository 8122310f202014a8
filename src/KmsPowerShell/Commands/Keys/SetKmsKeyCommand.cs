using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Changes the description of keys.</summary>
[Cmdlet(VerbsCommon.Set, "KmsKey", SupportsShouldProcess = true)]
[OutputType(typeof(KmsKey))]
public sealed class SetKmsKeyCommand : KmsKeyChangeCmdlet
{
    /// <summary>The new description; an empty string clears it.</summary>
    [Parameter(Mandatory = true)]
    [AllowEmptyString]
    [ValidateLength(0, 8192)]
    public string Description { get; set; } = "";

    protected override string Action(KmsKey key) => $"Set the description to '{Description}'";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsKeyAdmin(ActiveSession).UpdateDescriptionAsync(key, Description, cancellationToken);
}
