using KmsPowerShell.Engine.Concurrency;

namespace KmsPowerShell.Tests.Concurrency;

/// <summary>
/// The ordered window, driven by hand: each item's work is a TaskCompletionSource the test completes, and writing an
/// item records it (throwing, as a cmdlet's wait would, if its work has not finished), so no test depends on timing.
/// </summary>
public sealed class OrderedWindowTests
{
    private readonly List<string> _written = [];
    private readonly Dictionary<string, TaskCompletionSource> _work = [];

    private OrderedWindow<string> NewWindow(Action<string>? onWrite = null) => new(item => _work[item].Task, item =>
    {
        onWrite?.Invoke(item);
        _written.Add(item);
    });

    private string Started(string item)
    {
        _work[item] = new TaskCompletionSource();
        return item;
    }

    private void Finish(string item) => _work[item].SetResult();

    [Fact]
    public void Add_LaterItemsFinishFirst_WritesInInputOrder()
    {
        var window = NewWindow();
        window.Add(Started("a"), 4);
        window.Add(Started("b"), 4);
        Finish("b");
        window.Add(Started("c"), 4);

        Assert.Empty(_written); // b is done, but a comes first
        Finish("a");
        window.Add(Started("d"), 4);

        Assert.Equal(["a", "b"], _written);
        Assert.Equal(["c", "d"], window.InFlight);
    }

    [Fact]
    public void Add_WindowFull_WritesTheOldestBeforeStartingMore()
    {
        var window = NewWindow();
        window.Add(Started("a"), 2);
        window.Add(Started("b"), 2);

        window.Add(Started("c"), 2);

        Assert.Equal(["a"], _written);
        Assert.Equal(["b", "c"], window.InFlight);
    }

    [Fact]
    public void Add_LimitBelowOne_KeepsOneInFlight()
    {
        var window = NewWindow();
        window.Add(Started("a"), 0);
        window.Add(Started("b"), 0);

        Assert.Equal(["a"], _written);
        Assert.Equal(["b"], window.InFlight);
    }

    [Fact]
    public void WriteNext_WriteThrows_TheItemStillLeaves()
    {
        var window = NewWindow(item => throw new InvalidOperationException(item));
        window.Add(Started("a"), 4);
        window.Add(Started("b"), 4);

        Assert.Throws<InvalidOperationException>(window.WriteNext);

        Assert.Equal(["b"], window.InFlight);
    }

    [Fact]
    public void WriteAll_WritesEveryItemInOrder()
    {
        var window = NewWindow();
        foreach (var item in new[] { "a", "b", "c" }) window.Add(Started(item), 8);
        Finish("c");

        window.WriteAll();

        Assert.Equal(["a", "b", "c"], _written);
        Assert.Empty(window.InFlight);
    }
}
