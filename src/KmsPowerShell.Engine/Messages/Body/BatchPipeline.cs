using System.Collections.Concurrent;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>
/// Moves a fixed set of batches through stages, each on its own thread, so reading, sealing or opening, hashing and
/// writing overlap. The producer fills a free batch and says whether more follow; each stage works on a batch and
/// hands it on; the last one returns it to the free pool. The first failure stops every stage and is rethrown;
/// cancellation is seen between batches.
/// </summary>
internal static class BatchPipeline
{
    public static async Task RunAsync(IReadOnlyList<FrameBatch> batches, Func<FrameBatch, bool> produce,
        IReadOnlyList<Action<FrameBatch>> stages, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queues = new BlockingCollection<FrameBatch>[stages.Count + 1];
        for (var i = 0; i < queues.Length; i++) queues[i] = new BlockingCollection<FrameBatch>();
        foreach (var batch in batches) queues[0].Add(batch);
        Exception? failure = null;

        void Guard(Action body)
        {
            try
            {
                body();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                stop.Cancel();
            }
        }

        var threads = new List<Task>
        {
            Start(() => Guard(() =>
            {
                bool more;
                do
                {
                    var batch = queues[0].Take(stop.Token);
                    more = produce(batch);
                    queues[1].Add(batch, stop.Token);
                } while (more);
                queues[1].CompleteAdding();
            })),
        };
        for (var s = 0; s < stages.Count; s++)
        {
            var stage = stages[s];
            var input = queues[s + 1];
            var output = s + 1 < stages.Count ? queues[s + 2] : queues[0];
            var last = s + 1 == stages.Count;
            threads.Add(Start(() => Guard(() =>
            {
                foreach (var batch in input.GetConsumingEnumerable(stop.Token))
                {
                    stage(batch);
                    output.Add(batch, stop.Token);
                }
                if (!last) output.CompleteAdding();
            })));
        }
        await Task.WhenAll(threads).ConfigureAwait(false);
        foreach (var queue in queues) queue.Dispose();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static Task Start(Action body) => Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
