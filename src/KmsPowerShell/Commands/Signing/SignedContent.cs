namespace KmsPowerShell.Commands.Signing;

/// <summary>What is sent to Sign or Verify for one input: the message or its digest, and the file it came from, if any.</summary>
internal sealed record SignedContent(byte[] Bytes, string MessageType, string? File)
{
    public object Target => (object?)File ?? "-Message";
}
