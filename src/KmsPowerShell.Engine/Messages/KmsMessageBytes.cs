namespace KmsPowerShell.Engine.Messages;

/// <summary>The output of an in-memory encryption or decryption, with what the message says about itself.</summary>
public sealed record KmsMessageBytes(byte[] Bytes, KmsMessageInfo Info);
