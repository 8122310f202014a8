using System.Management.Automation;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.KeyMaterial;

/// <summary>
/// Deletes imported key material. The key cannot be used until the same material is imported again, so this asks
/// first (ConfirmImpact High) unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "KmsKeyMaterial", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(KmsKey))]
public sealed class RemoveKmsKeyMaterialCommand : KmsKeyChangeCmdlet
{
    /// <summary>The material to delete; the key's current material when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyMaterialId { get; set; }

    /// <summary>Deletes the material without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceChange => Force;

    protected override string Action(KmsKey key) =>
        $"Delete the imported key material {KeyMaterialId ?? "in use"}; data encrypted under it cannot be decrypted until the same material is imported again";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsImportAdmin(ActiveSession).DeleteAsync(key, KeyMaterialId, cancellationToken);
}
