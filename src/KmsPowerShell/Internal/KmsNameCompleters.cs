namespace KmsPowerShell;

/// <summary>Completes the values of one vocabulary list, as ValidateSet completes its own.</summary>
public abstract class KmsNameCompleter(KmsNameList list) : ListCompleter
{
    private protected override IEnumerable<string> Values => KmsNameLists.Of(list);
}

public sealed class KeySpecCompleter() : KmsNameCompleter(KmsNameList.KeySpec);

public sealed class KeyUsageCompleter() : KmsNameCompleter(KmsNameList.KeyUsage);

public sealed class EncryptionAlgorithmCompleter() : KmsNameCompleter(KmsNameList.EncryptionAlgorithm);

public sealed class SigningAlgorithmCompleter() : KmsNameCompleter(KmsNameList.SigningAlgorithm);

public sealed class MacAlgorithmCompleter() : KmsNameCompleter(KmsNameList.MacAlgorithm);

public sealed class DataKeySpecCompleter() : KmsNameCompleter(KmsNameList.DataKeySpec);

public sealed class DataKeyPairSpecCompleter() : KmsNameCompleter(KmsNameList.DataKeyPairSpec);

public sealed class OriginCompleter() : KmsNameCompleter(KmsNameList.Origin);

public sealed class WrappingAlgorithmCompleter() : KmsNameCompleter(KmsNameList.WrappingAlgorithm);

public sealed class WrappingKeySpecCompleter() : KmsNameCompleter(KmsNameList.WrappingKeySpec);

public sealed class ExpirationModelCompleter() : KmsNameCompleter(KmsNameList.ExpirationModel);

public sealed class ImportTypeCompleter() : KmsNameCompleter(KmsNameList.ImportType);
