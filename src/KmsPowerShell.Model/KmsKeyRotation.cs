namespace KmsPowerShell;

/// <summary>The automatic rotation settings of a key and the rotations it has had.</summary>
public sealed class KmsKeyRotation : KmsKeyRecord
{
    internal KmsKeyRotation(string keyArn, string region) : base(keyArn, region) { }

    /// <summary>True when automatic rotation is on.</summary>
    public bool RotationEnabled { get; internal init; }

    /// <summary>Days between automatic rotations.</summary>
    public int? RotationPeriodInDays { get; internal init; }

    /// <summary>When the next automatic rotation is due.</summary>
    public DateTime? NextRotationDate { get; internal init; }

    /// <summary>When an on-demand rotation in progress started.</summary>
    public DateTime? OnDemandRotationStartDate { get; internal init; }

    /// <summary>The rotations completed so far, oldest first.</summary>
    public IReadOnlyList<KmsKeyRotationEntry> Rotations { get; internal init; } = Array.Empty<KmsKeyRotationEntry>();

    /// <summary>
    /// Every key material of the key, oldest first: the first material (no RotationDate), the rotations, and imported
    /// material waiting for an on-demand rotation, each with its state and, for imported material, its import and
    /// expiry state.
    /// </summary>
    public IReadOnlyList<KmsKeyRotationEntry> KeyMaterials { get; internal init; } = Array.Empty<KmsKeyRotationEntry>();
}

/// <summary>One key material of a key: a completed rotation, or (in <see cref="KmsKeyRotation.KeyMaterials"/>) the first or a pending one.</summary>
public sealed record KmsKeyRotationEntry(DateTime? RotationDate, string RotationType)
{
    /// <summary>The material's id.</summary>
    public string KeyMaterialId { get; init; } = "";

    /// <summary>CURRENT, NON_CURRENT, PENDING_ROTATION or PENDING_MULTI_REGION_IMPORT_AND_ROTATION.</summary>
    public string KeyMaterialState { get; init; } = "";

    /// <summary>For imported material: IMPORTED or PENDING_IMPORT; empty otherwise.</summary>
    public string ImportState { get; init; } = "";

    /// <summary>For imported material: KEY_MATERIAL_EXPIRES or KEY_MATERIAL_DOES_NOT_EXPIRE; empty otherwise.</summary>
    public string ExpirationModel { get; init; } = "";

    /// <summary>When imported material expires; null when it does not.</summary>
    public DateTime? ValidTo { get; init; }

    /// <summary>The description given to imported material.</summary>
    public string KeyMaterialDescription { get; init; } = "";
}
