namespace KmsPowerShell.LocalKms.Protocol;

/// <summary>AWS's wording of request-shape violations: "1 validation error detected: Value ... at 'limit' failed to satisfy constraint: ...".</summary>
internal static class ValidationMessage
{
    public static string Null(string field) => $"Value null at '{field}' failed to satisfy constraint: Member must not be null";

    public static string Constraint(string? shownValue, string field, string constraint) =>
        shownValue is null
            ? $"Value at '{field}' failed to satisfy constraint: {constraint}"
            : $"Value '{shownValue}' at '{field}' failed to satisfy constraint: {constraint}";

    public static string MinLength(int min) => $"Member must have length greater than or equal to {min}";
    public static string MaxLength(int max) => $"Member must have length less than or equal to {max}";
    public static string MinValue(long min) => $"Member must have value greater than or equal to {min}";
    public static string MaxValue(long max) => $"Member must have value less than or equal to {max}";
    public static string Enum(IEnumerable<string> values) => $"Member must satisfy enum value set: [{string.Join(", ", values)}]";
    /// <summary>A list member whose items must be enum values: AWS nests the item constraint.</summary>
    public static string EnumItems(IEnumerable<string> values) => $"Member must satisfy constraint: [{Enum(values)}]";
    public static string Pattern(string pattern) => $"Member must satisfy regular expression pattern: {pattern}";

    public static string Combine(IReadOnlyList<string> violations) =>
        $"{violations.Count} validation error{(violations.Count == 1 ? "" : "s")} detected: {string.Join("; ", violations)}";

    /// <summary>AWS names members in camelCase in these messages.</summary>
    public static string FieldName(string member) => char.ToLowerInvariant(member[0]) + member[1..];
}
