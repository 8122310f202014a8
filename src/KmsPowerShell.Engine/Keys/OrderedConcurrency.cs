using System.Runtime.CompilerServices;

namespace KmsPowerShell.Engine.Keys;

/// <summary>The result of one item of a bulk call: a value, or the error that item met.</summary>
public readonly record struct Outcome<T>(string Item, T? Value, Exception? Error);

internal static class OrderedConcurrency
{
    /// <summary>Runs <paramref name="work"/> on up to <paramref name="limit"/> items at once and yields results in input order.</summary>
    public static async IAsyncEnumerable<Outcome<TOut>> SelectAsync<TIn, TOut>(
        IEnumerable<TIn> items, int limit, Func<TIn, CancellationToken, Task<TOut>> work,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var window = new Queue<(TIn Item, Task<TOut> Task)>();
        using var source = items.GetEnumerator();
        try
        {
            while (true)
            {
                while (window.Count < Math.Max(1, limit) && source.MoveNext())
                {
                    var item = source.Current;
                    window.Enqueue((item, Task.Run(() => work(item, cancellationToken), cancellationToken)));
                }
                if (window.Count == 0) yield break;
                var (name, task) = window.Dequeue();
                Outcome<TOut> outcome;
                try
                {
                    outcome = new(name?.ToString() ?? "", await task.ConfigureAwait(false), null);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    outcome = new(name?.ToString() ?? "", default, e);
                }
                yield return outcome;
            }
        }
        finally
        {
            // Whatever was started and not consumed still gets observed, so no exception goes unobserved.
            foreach (var (_, task) in window) _ = task.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }
}
