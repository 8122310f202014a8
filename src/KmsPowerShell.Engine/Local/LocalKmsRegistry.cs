using System.Collections.Concurrent;
using KmsPowerShell.Engine.Local.Http;

namespace KmsPowerShell.Engine.Local;

/// <summary>
/// The local KMS instances of this process: one in memory, and one per state file. Every session and server that
/// names the same state shares one service, as callers of one real KMS share its keys, so a test can sign as a
/// second principal, or reach the keys it made in process with awscli over HTTP.
/// </summary>
public static class LocalKmsRegistry
{
    private const string InMemory = "";
    private static readonly ConcurrentDictionary<string, Lazy<LocalKmsInstance>> Instances = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, LocalKmsServer> Servers = new();

    /// <summary>The instance for a state file (a full path), or the in-memory one for null.</summary>
    public static LocalKmsInstance Get(string? statePath) =>
        Instances.GetOrAdd(statePath ?? InMemory, path => new Lazy<LocalKmsInstance>(() => LocalKmsInstance.Create(path.Length == 0 ? null : path))).Value;

    /// <summary>Serves an instance over HTTP on 127.0.0.1; port 0 takes a free port.</summary>
    public static LocalKmsServer StartServer(string? statePath, int port)
    {
        var server = new LocalKmsServer(Get(statePath).Service, port);
        server.Start();
        Servers[server.Port] = server;
        return server;
    }

    public static IReadOnlyList<LocalKmsServer> RunningServers => Servers.Values.Where(s => s.IsRunning).OrderBy(s => s.Port).ToArray();

    /// <summary>Stops the server on <paramref name="port"/>; false when there is none.</summary>
    public static bool StopServer(int port)
    {
        if (!Servers.TryRemove(port, out var server)) return false;
        server.Stop();
        return true;
    }
}

/// <summary>One local KMS: the service, the clock its keys live by, and the SDK glue that reaches it in process.</summary>
public sealed class LocalKmsInstance
{
    private LocalKmsInstance(LocalKmsService service, LocalKmsRunningClock clock)
    {
        Service = service;
        Clock = clock;
        ClientFactory = new LocalKmsHttpClientFactory(service);
    }

    public LocalKmsService Service { get; }

    /// <summary>The clock of key lifecycles; tests move it to see deletion windows pass.</summary>
    public LocalKmsRunningClock Clock { get; }

    internal LocalKmsHttpClientFactory ClientFactory { get; }

    internal static LocalKmsInstance Create(string? statePath)
    {
        var clock = new LocalKmsRunningClock();
        return new LocalKmsInstance(new LocalKmsService(new LocalKmsOptions { StatePath = statePath, Clock = clock }), clock);
    }
}
