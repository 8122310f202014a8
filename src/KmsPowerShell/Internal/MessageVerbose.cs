namespace KmsPowerShell;

/// <summary>What -Verbose says about an Encryption SDK message: never plaintext, never key material.</summary>
internal static class MessageVerbose
{
    public static string Describe(KmsMessageInfo info) =>
        $"Message {info.MessageId}: format version {info.FormatVersion}, suite {info.AlgorithmSuiteId} ({info.AlgorithmSuite}), " +
        (info.IsFramed ? $"frame length {info.FrameLength}" : "non-framed") +
        $", encrypted data keys under {string.Join(", ", info.KeyArns)}" +
        (info.DataKeyFromCache ? "; data key reused from the data key cache" : "") +
        (info.DecryptedWithKeyArn is { } used ? $"; decrypted with {used}" : "") + ".";
}
