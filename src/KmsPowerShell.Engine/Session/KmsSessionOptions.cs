namespace KmsPowerShell.Engine.Session;

/// <summary>What the user asked for; anything left null comes from the standard AWS chain.</summary>
public sealed class KmsSessionOptions
{
    public string? ProfileName { get; init; }
    public string? Region { get; init; }
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string? SessionToken { get; init; }
    public string? EndpointUrl { get; init; }
    public bool AllowInsecureEndpoint { get; init; }
    public bool? UseFipsEndpoint { get; init; }
    public bool? UseDualStackEndpoint { get; init; }
    public KmsRetryMode RetryMode { get; init; } = KmsRetryMode.Standard;
    public int MaxAttempts { get; init; } = 3;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Use the local KMS in this process instead of AWS.</summary>
    public bool Local { get; init; }

    /// <summary>With <see cref="Local"/>: the file the local KMS keeps its state in (null: memory).</summary>
    public string? LocalStatePath { get; init; }

    /// <summary>Reads an environment variable; tests replace it to build sessions from a fake environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The clock the session's creation time is read from; tests replace it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
