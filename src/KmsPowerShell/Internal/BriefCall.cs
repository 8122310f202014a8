namespace KmsPowerShell;

/// <summary>KMS calls that completion and error hints make on the side: they never wait long, and never fail.</summary>
internal static class BriefCall
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    /// <summary>Runs KMS calls for a completer or a hint: null when they fail, are cancelled or take longer than <see cref="Patience"/>.</summary>
    public static T? Run<T>(Func<CancellationToken, Task<T>> calls, CancellationToken cancellationToken = default) where T : class
    {
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(Patience);
            return calls(patience.Token).WaitAsync(patience.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is OperationCanceledException or KmsException or ObjectDisposedException)
        {
            return null;
        }
    }
}
