namespace KmsPowerShell.Engine.Admin;

/// <summary>
/// How imported key material lives, as ImportKeyMaterial is told: <paramref name="ValidTo"/> goes with
/// KEY_MATERIAL_EXPIRES only; the others may be null (KMS's defaults).
/// </summary>
public sealed record KeyMaterialImport(
    string ExpirationModel,
    DateTimeOffset? ValidTo,
    string? ImportType,
    string? KeyMaterialDescription,
    string? KeyMaterialId);
