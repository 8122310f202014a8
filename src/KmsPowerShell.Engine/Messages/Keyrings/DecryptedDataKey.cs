namespace KmsPowerShell.Engine.Messages.Keyrings;

/// <summary>A plaintext data key and the key (ARN) that decrypted it. The caller zeroes <see cref="DataKey"/>.</summary>
internal sealed record DecryptedDataKey(byte[] DataKey, string DecryptedWith);
