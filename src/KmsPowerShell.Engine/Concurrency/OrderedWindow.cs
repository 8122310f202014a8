namespace KmsPowerShell.Engine.Concurrency;

/// <summary>
/// Work of items that runs concurrently, up to a limit, and is written in the order the items came: the one ordered
/// concurrency of the module (the cmdlets' -ThrottleLimit across pipeline records and across the keys of a listing).
/// The window itself is not thread-safe: one thread adds and writes (a cmdlet's pipeline thread); only the work runs
/// elsewhere.
/// </summary>
public sealed class OrderedWindow<TItem>(Func<TItem, Task> workOf, Action<TItem> write)
{
    private readonly Queue<TItem> _items = new();

    /// <summary>The items started and not yet written, oldest first; the one being written is among them.</summary>
    public IEnumerable<TItem> InFlight => _items;

    /// <summary>
    /// Adds a started item once fewer than <paramref name="limit"/> are in flight (writing the oldest until then), and
    /// writes whatever has finished in order, so results flow while later items still run.
    /// </summary>
    public void Add(TItem item, int limit)
    {
        while (_items.Count >= Math.Max(1, limit)) WriteNext();
        _items.Enqueue(item);
        while (_items.TryPeek(out var oldest) && workOf(oldest).IsCompleted) WriteNext();
    }

    /// <summary>Writes the oldest item, waiting for it as <c>write</c> does; it leaves the window even when writing throws.</summary>
    public void WriteNext()
    {
        var item = _items.Peek();
        try
        {
            write(item);
        }
        finally
        {
            _items.Dequeue();
        }
    }

    public void WriteAll()
    {
        while (_items.Count > 0) WriteNext();
    }
}
