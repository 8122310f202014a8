using System.Reflection;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Tests.Vocabulary;

/// <summary>The vocabulary names exactly the values of the AWS SDK's enums, so it cannot drift from the API.</summary>
public class SdkVocabularyTests
{
    public static TheoryData<string, string[], string[]> Lists => new()
    {
        { "KeySpec", Values<KeySpec>(), [.. KmsKeySpec.Names] },
        { "KeyUsageType", Values<KeyUsageType>(), [.. KmsKeyUsages.All] },
        { "EncryptionAlgorithmSpec", Values<EncryptionAlgorithmSpec>(), [.. KmsAlgorithms.Encryption] },
        { "SigningAlgorithmSpec", Values<SigningAlgorithmSpec>(), [.. KmsAlgorithms.Signing] },
        { "MacAlgorithmSpec", Values<MacAlgorithmSpec>(), [.. KmsAlgorithms.Mac] },
        { "KeyAgreementAlgorithmSpec", Values<KeyAgreementAlgorithmSpec>(), [.. KmsAlgorithms.KeyAgreement] },
        { "EncapsulationAlgorithmSpec", Values<EncapsulationAlgorithmSpec>(), [.. KmsAlgorithms.Encapsulation] },
        { "DataKeySpec", Values<DataKeySpec>(), [.. KmsDataKeySpecs.Symmetric] },
        { "DataKeyPairSpec", Values<DataKeyPairSpec>(), [.. KmsDataKeySpecs.Pair] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void List_NamesExactlyTheSdkValues(string sdkType, string[] sdk, string[] vocabulary)
    {
        Assert.True(sdk.Length > 0, $"{sdkType} has no values: the reflection found nothing to compare");
        Assert.Equal(vocabulary.Length, vocabulary.Distinct().Count());
        Assert.Equal(sdk.Order(StringComparer.Ordinal), vocabulary.Order(StringComparer.Ordinal));
    }

    private static string[] Values<T>() where T : ConstantClass => typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(T))
        .Select(field => ((T)field.GetValue(null)!).Value)
        .ToArray();
}
