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
    /// <summary>Where a new key's material comes from (New-KmsKey -Origin).</summary>
    Origin,
    WrappingAlgorithm,
    WrappingKeySpec,
    ExpirationModel,
    ImportType,
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
        KmsNameList.DataKeyPairSpec => KmsDataKeySpecs.Pair,
        KmsNameList.Origin => KmsImportWrapping.Origins,
        KmsNameList.WrappingAlgorithm => KmsImportWrapping.Algorithms,
        KmsNameList.WrappingKeySpec => KmsImportWrapping.KeySpecs,
        KmsNameList.ExpirationModel => KmsImportWrapping.ExpirationModels,
        KmsNameList.ImportType => KmsImportWrapping.ImportTypes,
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };
}
