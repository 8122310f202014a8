namespace KmsPowerShell.Engine.Messages;

/// <summary>The exceptions for bad messages, worded once.</summary>
internal static class MessageErrors
{
    public static KmsMessageException Malformed(string detail, Exception? inner = null) =>
        new(KmsMessageProblem.MessageMalformed, $"The data is not a valid AWS Encryption SDK message: {detail}", inner);

    public static KmsMessageException Truncated() => Malformed("it ends before the message does (truncated?).");

    public static KmsMessageException Tampered(string what, Exception? inner = null) =>
        new(KmsMessageProblem.MessageTampered, $"The message failed authentication at {what}: it was changed, or it is not the message its header describes.", inner);
}
