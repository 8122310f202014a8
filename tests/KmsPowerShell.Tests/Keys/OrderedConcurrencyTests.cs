using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Tests.Keys;

public class OrderedConcurrencyTests
{
    [Fact]
    public async Task SelectAsync_LaterItemsFinishFirst_YieldsInInputOrder()
    {
        // Within each window of four, an item finishes only after the next one has: 3, 2, 1, 0, 7, 6, 5, 4, ...
        var items = Enumerable.Range(0, 20).ToList();
        var done = items.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var finished = new List<int>();
        var results = new List<string>();
        await foreach (var outcome in OrderedConcurrency.SelectAsync(items, 4, async (i, ct) =>
        {
            if (i % 4 != 3) await done[i + 1].Task.WaitAsync(ct);
            lock (finished) finished.Add(i);
            done[i].SetResult();
            return i * 10;
        }, CancellationToken.None).WithTimeout())
        {
            results.Add($"{outcome.Item}:{outcome.Value}");
        }
        Assert.Equal(items.Select(i => i / 4 * 4 + 3 - i % 4), finished);
        Assert.Equal(items.Select(i => $"{i}:{i * 10}"), results);
    }

    [Fact]
    public async Task SelectAsync_Limit_RunsExactlyThatManyAtOnce()
    {
        var running = 0;
        var peak = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await foreach (var _ in OrderedConcurrency.SelectAsync(Enumerable.Range(0, 30), 3, async (i, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (now == 3) full.TrySetResult();
            // The first items hold their places until three run at once; a fourth started beside them would show in the peak.
            await full.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None).WithTimeout())
        {
        }
        Assert.Equal(3, peak);
    }

    [Fact]
    public async Task SelectAsync_OneItemFails_OthersStillArrive()
    {
        var outcomes = new List<Outcome<int>>();
        await foreach (var outcome in OrderedConcurrency.SelectAsync(new[] { 1, 2, 3 }, 2, (i, ct) =>
            i == 2 ? Task.FromException<int>(new KmsArgumentException("Bad", "two")) : Task.FromResult(i), CancellationToken.None))
        {
            outcomes.Add(outcome);
        }
        Assert.Equal([1, 0, 3], outcomes.Select(o => o.Value));
        Assert.IsType<KmsArgumentException>(outcomes[1].Error);
        Assert.Equal("2", outcomes[1].Item);
    }

    [Fact]
    public async Task SelectAsync_Cancelled_StopsPromptly()
    {
        using var cts = new CancellationTokenSource();
        var consume = Task.Run(async () =>
        {
            await foreach (var _ in OrderedConcurrency.SelectAsync(Enumerable.Range(0, 100), 2, async (i, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return i;
            }, cts.Token))
            {
            }
        });
        cts.CancelAfter(50);
        // A hang would end in TimeoutException, which is not an OperationCanceledException.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => consume.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

internal static class AsyncEnumerableTimeout
{
    /// <summary>Ends a test that would otherwise hang (a broken window that never starts the item another waits for).</summary>
    public static async IAsyncEnumerable<T> WithTimeout<T>(this IAsyncEnumerable<T> source)
    {
        await using var items = source.GetAsyncEnumerator();
        while (await items.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1))) yield return items.Current;
    }
}
