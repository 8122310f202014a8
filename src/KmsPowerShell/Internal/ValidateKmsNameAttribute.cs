using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// [ValidateSet] over a list of the KMS vocabulary, which attribute arguments cannot name (PowerShellStandard 5.1 has
/// no IValidateSetValuesGenerator). It accepts and refuses as ValidateSet does, case-insensitively and with its error
/// text; the help compiler reads <see cref="ValidValues"/> as it reads ValidateSet's. Pair it with the list's completer.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateKmsNameAttribute(KmsNameList list) : ValidateEnumeratedArgumentsAttribute
{
    public IList<string> ValidValues { get; } = KmsNameLists.Of(list).ToArray();

    protected override void ValidateElement(object element)
    {
        var value = element?.ToString() ?? throw new ValidationMetadataException("The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.");
        if (ValidValues.Contains(value, StringComparer.OrdinalIgnoreCase)) return;
        throw new ValidationMetadataException(
            $"The argument \"{value}\" does not belong to the set \"{string.Join(",", ValidValues)}\" specified by the ValidateSet attribute. " +
            "Supply an argument that is in the set and then try the command again.");
    }
}
