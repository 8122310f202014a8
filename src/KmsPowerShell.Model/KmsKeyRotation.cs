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
}

/// <summary>One completed rotation of a key's material.</summary>
public sealed record KmsKeyRotationEntry(DateTime? RotationDate, string RotationType);
