using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Tests.Keys;

public class OrderedConcurrencyTests
{
    [Fact]
    public async Task SelectAsync_UnevenDurations_YieldsInInputOrder()
    {
        var items = Enumerable.Range(0, 20).ToList();
        var results = new List<string>();
        await foreach (var outcome in OrderedConcurrency.SelectAsync(items, 4, async (i, ct) =>
        {
            await Task.Delay((20 - i) * 3, ct);
            return i * 10;
        }, CancellationToken.None))
        {
            results.Add($"{outcome.Item}:{outcome.Value}");
        }
        Assert.Equal(items.Select(i => $"{i}:{i * 10}"), results);
    }

    [Fact]
    public async Task SelectAsync_Limit_NeverRunsMoreAtOnce()
    {
        var running = 0;
        var peak = 0;
        await foreach (var _ in OrderedConcurrency.SelectAsync(Enumerable.Range(0, 30), 3, async (i, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None))
        {
        }
        Assert.InRange(peak, 1, 3);
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
