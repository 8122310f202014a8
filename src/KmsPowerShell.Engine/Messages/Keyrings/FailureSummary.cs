namespace KmsPowerShell.Engine.Messages.Keyrings;

/// <summary>
/// Words a keyring's failure to decrypt any encrypted data key. A message names its keys, so the text is bounded
/// however many it names: counts by error code and the first failure, never one line per key.
/// </summary>
internal static class FailureSummary
{
    /// <summary>How many items an error names before it only counts the rest.</summary>
    public const int Named = 3;

    /// <summary>"a, b, c and 9 more" of <paramref name="count"/> items, each cut to a readable length.</summary>
    public static string FirstFew(IEnumerable<string> items, int count)
    {
        var named = string.Join(", ", items.Take(Named).Select(Clip));
        return count > Named ? $"{named} and {count - Named} more" : named;
    }

    /// <summary>
    /// One failure is returned as it is; more become "tried 3 of the message's 12 encrypted data keys: 2
    /// AccessDeniedException, 1 NotFoundException; first: ...", a KMS error with the first failure's code (so its
    /// ErrorId and advice apply).
    /// </summary>
    public static Exception Unwrappable(IReadOnlyList<(string Arn, Exception Error)> failures, int encryptedDataKeys)
    {
        if (failures.Count == 1 && failures[0].Error is KmsServiceException single) return single;
        var byCode = failures.GroupBy(f => CodeOf(f.Error)).Select(g => $"{g.Count()} {g.Key}");
        var (firstArn, firstError) = failures[0];
        var message = $"No encrypted data key could be decrypted: tried {failures.Count} of the message's {encryptedDataKeys} encrypted data keys " +
            $"({string.Join(", ", byCode)}); first: {Clip(firstArn)}: {firstError.Message}";
        var some = new AggregateException(failures.Take(Named).Select(f => f.Error));
        var first = failures.Select(f => f.Error).OfType<KmsServiceException>().FirstOrDefault();
        return first is null
            ? new KmsMessageException(KmsMessageProblem.NoDecryptableKey, message, some)
            : new KmsServiceException(first.ErrorCode, message, first.StatusCode, first.RequestId, some);
    }

    private static string CodeOf(Exception error) => error is KmsServiceException service ? service.ErrorCode : error.GetType().Name;

    /// <summary>Provider information comes from the message and may be 64 KiB long; a key ARN is far shorter.</summary>
    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
