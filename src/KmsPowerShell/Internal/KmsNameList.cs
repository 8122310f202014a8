using KmsPowerShell.Vocabulary;

namespace KmsPowerShell;

/// <summary>The vocabulary lists a parameter can take its values from (see <see cref="ValidateKmsNameAttribute"/>).</summary>
public enum KmsNameList
{
    /// <summary>The key specs the module supports, for New-KmsKey.</summary>
    KeySpec,
    /// <summary>The usages of those key specs.</summary>
    KeyUsage,
    EncryptionAlgorithm,
    SigningAlgorithm,
    MacAlgorithm,
    DataKeySpec,
    DataKeyPairSpec,
}

internal static class KmsNameLists
{
    public static IReadOnlyList<string> Of(KmsNameList list) => list switch
    {
        KmsNameList.KeySpec => KmsKeySpec.Supported.Select(spec => spec.Name).ToArray(),
        KmsNameList.KeyUsage => KmsKeyUsages.Supported,
        KmsNameList.EncryptionAlgorithm => KmsAlgorithms.Encryption,
        KmsNameList.SigningAlgorithm => KmsAlgorithms.Signing,
        KmsNameList.MacAlgorithm => KmsAlgorithms.Mac,
        KmsNameList.DataKeySpec => KmsDataKeySpecs.Symmetric,
        KmsNameList.DataKeyPairSpec => KmsDataKeySpecs.OfferedPairs,
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };
}
