namespace KmsPowerShell.Engine.Compliance;

/// <summary>A customer-managed key is scheduled for deletion: after the date, what it encrypted cannot be decrypted.</summary>
public sealed class PendingDeletionCheck : ComplianceCheck
{
    public override string Id => "PendingDeletion";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Critical;

    public override string Title => "Key is scheduled for deletion";

    public override string? SecurityHubControl => "KMS.3";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!key.IsCustomerManaged || key.Key.State is not ("PendingDeletion" or "PendingReplicaDeletion")) yield break;
        var when = key.Key.DeletionDate is { } date ? $"on {CheckFacts.Text(date)}" : "when its last replica is deleted";
        yield return Finding(key,
            $"{CheckFacts.Name(key)} will be deleted {when}; data encrypted under it can no longer be decrypted after that.",
            $"DescribeKey: KeyState = {key.Key.State}" +
                (key.Key.DeletionDate is { } deletion ? $", DeletionDate = {CheckFacts.Text(deletion)}" : "") +
                (key.Key.PendingDeletionWindowInDays is { } window ? $", PendingDeletionWindowInDays = {window}" : ""),
            $"Undo-KmsKeyRemoval -KeyId {CheckFacts.Quoted(key.Key.KeyArn)}",
            new KmsComplianceFix(KmsComplianceFixActions.CancelKeyDeletion, CheckFacts.NoArguments));
    }
}
