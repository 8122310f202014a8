namespace KmsPowerShell.LocalKms.State;

/// <summary>How the local KMS is set up for tests (Set-KmsLocalClock, Set-KmsLocalFault), as the state file keeps it.</summary>
internal sealed class StoredSettings
{
    /// <summary>The id of the one entry of <see cref="KmsState.Settings"/>.</summary>
    public const string Id = "local";

    /// <summary>How far the clock of key lifecycles was moved forward.</summary>
    public TimeSpan ClockOffset { get; set; }

    public LocalKmsFaults Faults { get; set; } = LocalKmsFaults.None;
}
