namespace KmsPowerShell.LocalKms.Protocol;

/// <summary>A KMS error answered to the caller as <c>{"__type": Code, "message": ...}</c>.</summary>
internal sealed class KmsErrorException : Exception
{
    public KmsErrorException(string code, string? message, int statusCode = 400) : base(message ?? code)
    {
        Code = code;
        KmsMessage = message;
        StatusCode = statusCode;
    }

    public string Code { get; }

    /// <summary>The message sent to the caller; null when AWS sends none (InvalidCiphertextException).</summary>
    public string? KmsMessage { get; }

    public int StatusCode { get; }
}
