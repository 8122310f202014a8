using System.Text.RegularExpressions;

namespace KmsPowerShell.Engine.Session;

/// <summary>
/// The profile names in the shared config file ([default], [profile name]; AWS_CONFIG_FILE) and the shared credentials
/// file ([name]; AWS_SHARED_CREDENTIALS_FILE), once each, for tab completion. Read from the section headers: the SDK's
/// profile store lists only profiles it can make credentials of, which leaves out a profile that sets only a region.
/// </summary>
public static partial class ProfileNames
{
    [GeneratedRegex(@"^\s*\[\s*(?:profile\s+)?(?<name>[^\]\s]+)\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigSection();

    [GeneratedRegex(@"^\s*\[\s*(?<name>[^\]\s]+)\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialsSection();

    public static IReadOnlyList<string> List()
    {
        var config = SectionNames(FilePath("AWS_CONFIG_FILE", "config"), ConfigSection(), IsProfileSection);
        var credentials = SectionNames(FilePath("AWS_SHARED_CREDENTIALS_FILE", "credentials"), CredentialsSection(), _ => true);
        return config.Concat(credentials).Distinct(StringComparer.Ordinal).ToArray();
    }

    // In the config file only [default] and [profile x] are profiles; [sso-session x] and [services x] are not.
    private static bool IsProfileSection(string header) =>
        header.TrimStart().StartsWith("[default]", StringComparison.Ordinal) || Regex.IsMatch(header, @"^\s*\[\s*profile\s");

    private static string FilePath(string variable, string name) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", name);

    private static IEnumerable<string> SectionNames(string path, Regex section, Func<string, bool> isProfile)
    {
        string[] lines;
        try
        {
            lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        return lines.Where(isProfile).Select(line => section.Match(line)).Where(m => m.Success).Select(m => m.Groups["name"].Value);
    }
}
