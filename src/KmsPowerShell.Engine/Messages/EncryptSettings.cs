using KmsPowerShell.Engine.Messages.Caching;
using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Engine.Messages;

/// <summary>How to write one message, checked against the commitment policy. <see cref="Framed"/> false is for tests only.</summary>
internal sealed record EncryptSettings(
    AlgorithmSuite Suite,
    int FrameLength,
    IReadOnlyDictionary<string, string> EncryptionContext,
    KmsCommitmentPolicy CommitmentPolicy = KmsCommitmentPolicy.RequireEncryptRequireDecrypt,
    int? MaxEncryptedDataKeys = null,
    bool Framed = true)
{
    /// <summary>Reuse data keys from a session's cache; null to ask the keyring for each message.</summary>
    public DataKeyCaching? Caching { get; init; }

    public void Validate(int keyCount)
    {
        if (FrameLength < 1) throw new KmsArgumentException("FrameLengthInvalid", $"The frame length must be from 1 to {int.MaxValue} bytes, not {FrameLength}.");
        var mustCommit = CommitmentPolicy != KmsCommitmentPolicy.ForbidEncryptAllowDecrypt;
        if (Suite.IsCommitting != mustCommit)
        {
            throw new KmsMessageException(KmsMessageProblem.CommitmentPolicyViolation, mustCommit
                ? $"Algorithm suite {Suite} does not commit to its key; commitment policy {CommitmentPolicy} writes only 0x0478 or 0x0578."
                : $"Commitment policy {CommitmentPolicy} writes only suites without key commitment, not {Suite}.");
        }
        EncryptionContextCodec.RejectReservedKeys(EncryptionContext);
        if (MaxEncryptedDataKeys is { } max && keyCount > max)
        {
            throw new KmsMessageException(KmsMessageProblem.TooManyEncryptedDataKeys, $"{keyCount} keys would make {keyCount} encrypted data keys; the limit is {max}.");
        }
    }
}
