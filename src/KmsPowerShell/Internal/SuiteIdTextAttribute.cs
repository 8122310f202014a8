using System.Globalization;
using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// Lets an algorithm suite parameter take the suite id as text in the Encryption SDK's hexadecimal form ('0x0478'),
/// as it takes the number 0x0478: PowerShell alone reads only names and decimal text ('1144') as an enum.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SuiteIdTextAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var text = (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) as string;
        var digits = text?.Trim();
        if (digits is null || !digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return inputData;
        return ushort.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id) &&
            Enum.IsDefined(typeof(KmsAlgorithmSuite), (int)id)
            ? (KmsAlgorithmSuite)id
            : inputData;
    }
}
