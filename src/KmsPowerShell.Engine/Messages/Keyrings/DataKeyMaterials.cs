using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Engine.Messages.Keyrings;

/// <summary>A new plaintext data key and its encryptions. The caller zeroes <see cref="DataKey"/> once it has derived from it.</summary>
internal sealed record DataKeyMaterials(byte[] DataKey, IReadOnlyList<EncryptedDataKey> EncryptedDataKeys);
