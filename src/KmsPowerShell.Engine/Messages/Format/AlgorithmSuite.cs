using System.Security.Cryptography;

namespace KmsPowerShell.Engine.Messages.Format;

/// <summary>The fixed parameters of one algorithm suite, from the specification's tables.</summary>
internal sealed class AlgorithmSuite
{
    public const int IvLength = 12;
    public const int TagLength = 16;
    public const int CommitKeyLength = 32;

    private static readonly Dictionary<ushort, AlgorithmSuite> ById = new[]
    {
        new AlgorithmSuite(KmsAlgorithmSuite.Aes128GcmNoKdf, 16, null, false, null),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes192GcmNoKdf, 24, null, false, null),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes256GcmNoKdf, 32, null, false, null),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes128GcmHkdfSha256, 16, HashAlgorithmName.SHA256, false, null),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes192GcmHkdfSha256, 24, HashAlgorithmName.SHA256, false, null),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes256GcmHkdfSha256, 32, HashAlgorithmName.SHA256, false, null),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes128GcmHkdfSha256EcdsaP256, 16, HashAlgorithmName.SHA256, false, SignatureCurve.P256),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes192GcmHkdfSha384EcdsaP384, 24, HashAlgorithmName.SHA384, false, SignatureCurve.P384),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes256GcmHkdfSha384EcdsaP384, 32, HashAlgorithmName.SHA384, false, SignatureCurve.P384),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey, 32, HashAlgorithmName.SHA512, true, null),
        new AlgorithmSuite(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, 32, HashAlgorithmName.SHA512, true, SignatureCurve.P384),
    }.ToDictionary(s => s.Id);

    private AlgorithmSuite(KmsAlgorithmSuite suite, int keyLength, HashAlgorithmName? kdfHash, bool isCommitting, SignatureCurve? signature)
    {
        Suite = suite;
        KeyLength = keyLength;
        KdfHash = kdfHash;
        IsCommitting = isCommitting;
        Signature = signature;
    }

    public KmsAlgorithmSuite Suite { get; }
    public ushort Id => (ushort)Suite;

    /// <summary>Bytes of the data key and of the derived AES key (they are equal for every ESDK suite).</summary>
    public int KeyLength { get; }

    /// <summary>The HKDF hash; null for the identity KDF.</summary>
    public HashAlgorithmName? KdfHash { get; }

    public bool IsCommitting { get; }

    /// <summary>The curve and hash of the ECDSA signature; null when the suite is unsigned.</summary>
    public SignatureCurve? Signature { get; }

    public bool IsSigned => Signature is not null;

    /// <summary>Committing suites are written in format version 2, the others in version 1.</summary>
    public byte FormatVersion => IsCommitting ? (byte)2 : (byte)1;

    public int MessageIdLength => IsCommitting ? 32 : 16;

    public int SuiteDataLength => IsCommitting ? CommitKeyLength : 0;

    public static AlgorithmSuite Of(KmsAlgorithmSuite suite) =>
        ById.TryGetValue((ushort)suite, out var found) ? found : throw new KmsArgumentException("AlgorithmSuiteInvalid", $"{suite} is not an algorithm suite.");

    public static AlgorithmSuite? TryOf(ushort id) => ById.GetValueOrDefault(id);

    public override string ToString() => $"0x{Id:X4}";
}
