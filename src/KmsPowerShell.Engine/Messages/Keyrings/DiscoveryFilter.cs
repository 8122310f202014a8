namespace KmsPowerShell.Engine.Messages.Keyrings;

/// <summary>Which keys a discovery keyring may use: those in a partition and, when accounts are listed, in one of them.</summary>
internal sealed record DiscoveryFilter(string? Partition, IReadOnlySet<string>? AccountIds)
{
    public bool Allows(KmsKeyArn arn) =>
        (Partition is null || string.Equals(Partition, arn.Partition, StringComparison.Ordinal)) &&
        (AccountIds is null || AccountIds.Contains(arn.Account));

    public override string ToString() =>
        $"partition {Partition ?? "any"}, accounts {(AccountIds is null ? "any" : string.Join(", ", AccountIds))}";
}
