namespace KmsPowerShell.LocalKms.Http;

/// <summary>How long a <see cref="LocalKmsServer"/> waits for its clients, and how many it serves at once.</summary>
public sealed class LocalKmsServerOptions
{
    /// <summary>The request line and header fields must arrive within this, from a new connection or a request's first byte.</summary>
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a keep-alive connection may wait for its next request before the server closes it.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A request body must arrive, and a response be taken by the client, within this.</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections served at once; further ones wait in the listen backlog until one closes.</summary>
    public int MaxConnections { get; init; } = 512;

    /// <summary>The clock the timeouts and the accept loop's back-off run on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        foreach (var timeout in new[] { HeaderTimeout, IdleTimeout, BodyTimeout })
        {
            if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(LocalKmsServerOptions), timeout, "A local KMS server timeout must be positive (or infinite).");
            }
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1, nameof(MaxConnections));
        ArgumentNullException.ThrowIfNull(Clock);
    }
}
