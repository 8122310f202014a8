using System.Collections;
using System.Text.RegularExpressions;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell;

/// <summary>
/// KeyNotFound for a bare word such as <c>payroll</c> (neither a key id nor an ARN nor alias/...) when an alias of that
/// name exists: the message adds "did you mean 'alias/payroll'?". A bare word stays a key id; the hint only says so.
/// </summary>
internal static partial class AliasHint
{
    [GeneratedRegex("^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdShape();

    /// <summary>
    /// The exception with the hint, or the exception itself. The words are the error's target and the command's -KeyId;
    /// the alias is looked for in its -Region, else the session's region.
    /// </summary>
    public static Exception Add(Exception exception, object? target, IDictionary<string, object> bound, KmsSession? session, CancellationToken cancellationToken)
    {
        if (exception is not KmsServiceException { ErrorCode: "NotFoundException" } notFound || session is null) return exception;
        var named = new[] { target, bound.TryGetValue("KeyId", out var keyId) ? keyId : null }
            .SelectMany(v => v is IEnumerable many and not string ? many.Cast<object?>() : [v])
            .Select(v => v switch { KmsKeyReference r => r.Value, string text => text, _ => null })
            .OfType<string>();
        var regions = bound.TryGetValue("Region", out var given) && given is string or string[] ? given as string[] ?? [(string)given] : [session.Region];
        var words = named.Where(IsBareWord).Distinct(StringComparer.Ordinal).ToArray();
        if (words.Length == 0) return exception;
        var reader = new KmsKeyReader(session);
        var aliases = regions.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)
            .SelectMany(region => BriefCall.Run(token => reader.ListAliasesAsync(region, token), cancellationToken) ?? [])
            .Select(a => a.AliasName)
            .ToHashSet(StringComparer.Ordinal);
        var meant = words.Select(w => "alias/" + w).FirstOrDefault(aliases.Contains);
        return meant is null
            ? exception
            : new KmsServiceException(notFound.ErrorCode, $"{notFound.Message.TrimEnd('.')}: did you mean '{meant}'?", notFound.StatusCode, notFound.RequestId, notFound);
    }

    private static bool IsBareWord(string text)
    {
        try
        {
            return KeyIdentifier.Parse(text).Kind == KeyIdentifierKind.KeyId && !KeyIdShape().IsMatch(text.Trim());
        }
        catch (KmsArgumentException)
        {
            return false;
        }
    }
}
