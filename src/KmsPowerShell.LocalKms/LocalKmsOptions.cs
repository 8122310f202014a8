namespace KmsPowerShell.LocalKms;

/// <summary>How a <see cref="LocalKmsService"/> is set up. Everything is optional.</summary>
public sealed class LocalKmsOptions
{
    /// <summary>The JSON file the state lives in, with a journal of changes beside it (see <see cref="Persistence.StateFile"/>); null keeps state in memory.</summary>
    public string? StatePath { get; init; }

    /// <summary>The clock of key lifecycles: creation dates, deletion windows, rotation dates.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The clock the 15-minute X-Amz-Date skew is checked against. It is apart from <see cref="Clock"/> so that a
    /// test moving key time 30 days ahead does not make every real SDK signature look expired.
    /// </summary>
    public TimeProvider SignatureClock { get; init; } = TimeProvider.System;

    /// <summary>Principals beside <see cref="LocalKmsPrincipal.Default"/>, which is always known.</summary>
    public IReadOnlyList<LocalKmsPrincipal> Principals { get; init; } = [];

    /// <summary>How long a new grant takes to be effective without its grant token (AWS: eventual consistency, up to minutes).</summary>
    public TimeSpan GrantPropagationDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How long a new replica key stays in KeyState Creating before it is Enabled (AWS: a few seconds or more). With
    /// zero, ReplicateKey still answers Creating and the replica is Enabled from the next request on.
    /// </summary>
    public TimeSpan ReplicaCreationDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How long ConnectCustomKeyStore leaves a store CONNECTING, on the key clock, before it is CONNECTED or FAILED
    /// (AWS: up to minutes). With zero, the store is CONNECTING in Connect's own answer and done from the next request on.
    /// </summary>
    public TimeSpan CustomKeyStoreConnectionDelay { get; init; } = TimeSpan.Zero;

    public LocalKmsFaults Faults { get; init; } = LocalKmsFaults.None;
}
