namespace KmsPowerShell.LocalKms.State;

/// <summary>The KeyState values the local KMS uses (no imported material, no custom key stores).</summary>
internal static class KeyStates
{
    public const string Enabled = "Enabled";
    public const string Disabled = "Disabled";
    public const string PendingDeletion = "PendingDeletion";

    /// <summary>A new multi-Region replica until its <see cref="StoredKey.CreationCompleteDate"/>.</summary>
    public const string Creating = "Creating";

    /// <summary>A multi-Region primary scheduled for deletion while replicas remain.</summary>
    public const string PendingReplicaDeletion = "PendingReplicaDeletion";

    public static bool IsPendingDeletion(string state) => state is PendingDeletion or PendingReplicaDeletion;
}
