namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// How an operation reaches an XKS proxy without holding the service's write lock across the call. A read-only
/// request calls at once: the service lets go of its read lock for the call (<see cref="CallUnlocked"/>), and the
/// operation goes on with what it had read. A request that changes the state cannot let go in the middle of its
/// change: its first attempt throws <see cref="XksProxyCallNeededException"/>, which undoes it; the service makes the
/// call with no lock held and runs the operation again with the answer (<see cref="Answers"/>).
/// </summary>
internal sealed class XksProxyCalls
{
    public IReadOnlyDictionary<XksProxyCall, XksProxyAnswer> Answers { get; init; } = new Dictionary<XksProxyCall, XksProxyAnswer>();

    public Func<XksProxyCall, XksProxyAnswer>? CallUnlocked { get; init; }

    public XksProxyAnswer Call(XksProxyCall call)
    {
        if (Answers.TryGetValue(call, out var answer)) return answer;
        return CallUnlocked is { } callNow ? callNow(call) : throw new XksProxyCallNeededException(call);
    }
}

/// <summary>A changing operation needs an answer from an XKS proxy first; see <see cref="XksProxyCalls"/>.</summary>
internal sealed class XksProxyCallNeededException(XksProxyCall call) : Exception
{
    public XksProxyCall Call { get; } = call;
}
