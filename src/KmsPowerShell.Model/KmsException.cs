namespace KmsPowerShell;

/// <summary>The base of every error KmsPowerShell raises on purpose.</summary>
public class KmsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KmsException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>Settings that cannot work: no region, no credentials, an unknown profile, an unsafe endpoint.</summary>
public sealed class KmsConfigurationException : KmsException
{
    /// <summary>Creates the exception; <paramref name="problem"/> is a stable name for the problem.</summary>
    public KmsConfigurationException(string problem, string message, Exception? innerException = null)
        : base(message, innerException) => Problem = problem;

    /// <summary>A stable name for the problem, such as RegionMissing or ProfileNotFound.</summary>
    public string Problem { get; }
}

/// <summary>A KMS call that failed: the service answered with an error, or could not be reached.</summary>
public sealed class KmsServiceException : KmsException
{
    /// <summary>Creates the exception.</summary>
    public KmsServiceException(string errorCode, string message, int statusCode, string? requestId, Exception? innerException)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The KMS error code (NotFoundException, DisabledException, ...) or one of ours for a call that got no answer
    /// (EndpointUnreachable, RequestTimeout).</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status code, or 0 when there was no answer.</summary>
    public int StatusCode { get; }

    /// <summary>The request id KMS gave the call, when it answered.</summary>
    public string? RequestId { get; }
}

/// <summary>An argument KMS would refuse, caught before any call: a malformed ARN, an empty key id, ...</summary>
public sealed class KmsArgumentException : KmsException
{
    /// <summary>Creates the exception; <paramref name="problem"/> is a stable name for the problem.</summary>
    public KmsArgumentException(string problem, string message) : base(message) => Problem = problem;

    /// <summary>A stable name for the problem, such as KeyIdInvalid.</summary>
    public string Problem { get; }
}
