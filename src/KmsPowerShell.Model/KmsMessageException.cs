namespace KmsPowerShell;

/// <summary>
/// An encrypted message that cannot be read or written: malformed, tampered with, signed by someone else, refused by
/// the commitment policy or the encryption context checks, or without a data key this caller can decrypt.
/// The message never contains plaintext or key material.
/// </summary>
public sealed class KmsMessageException : KmsException
{
    /// <summary>Creates the exception; <paramref name="problem"/> is one of the names in <see cref="KmsMessageProblem"/>.</summary>
    public KmsMessageException(string problem, string message, Exception? innerException = null)
        : base(message, innerException) => Problem = problem;

    /// <summary>A stable name for the problem, such as MessageTampered or SignatureInvalid.</summary>
    public string Problem { get; }
}
