using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Numerics;

namespace KmsPowerShell;

/// <summary>
/// Turns an -EncryptionContext hashtable (or a grant's constraint) into string pairs, as KMS binds them to the
/// ciphertext. Strings are taken as they are; numbers, $true/$false, characters, enums and GUIDs as their
/// invariant-culture text (5 is "5" on every machine). Anything else ($null, arrays, hashtables, dates, objects) is
/// refused: its text would be a type name, an empty string or depend on the culture, and the context must be typed
/// exactly the same to decrypt.
/// </summary>
internal static class ContextTable
{
    public static IReadOnlyDictionary<string, string> From(Hashtable? table, string parameter = "-EncryptionContext")
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null) return context;
        foreach (DictionaryEntry entry in table)
        {
            var key = Text(entry.Key) ?? throw Invalid($"An {parameter} key is {Describe(entry.Key)}; keys are text.");
            if (key.Length == 0) throw Invalid($"An {parameter} key is empty.");
            context[key] = Text(entry.Value) ?? throw Invalid(
                $"The {parameter} value of '{key}' is {Describe(entry.Value)}; values are single strings (numbers and $true/$false are taken as their text). " +
                "Give the text it should be, such as ($list -join ',') or $date.ToString('o'), or leave the pair out.");
        }
        return context;
    }

    /// <summary>The text of a string or scalar, or null for anything whose text would not be what was meant.</summary>
    private static string? Text(object? value) => Bare(value) switch
    {
        string text => text,
        (char or bool or Enum or Guid) and var scalar => scalar.ToString(),
        (sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or BigInteger) and IFormattable number =>
            number.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string Describe(object? value) => Bare(value) switch
    {
        null => "$null",
        ICollection collection => $"a collection ({collection.GetType()} of {collection.Count} item{(collection.Count == 1 ? "" : "s")})",
        var other => $"a {other.GetType()}",
    };

    private static object? Bare(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static KmsArgumentException Invalid(string message) => new("EncryptionContextInvalid", message);
}
