using System.Collections.Concurrent;
using KmsPowerShell.LocalKms.Http;
using KmsPowerShell.LocalKms.Persistence;

namespace KmsPowerShell.LocalKms;

/// <summary>
/// The local KMS instances of this process: one in memory, and one per state file. Every session and server that
/// names the same state shares one service, as callers of one real KMS share its keys, so a test can sign as a
/// second principal, or reach the keys it made in process with awscli over HTTP. Sessions and servers hold an
/// instance (<see cref="Open"/>); when the last of a state file's holders lets go, the instance closes and the state
/// file's lock is released, so another process can use the file. The in-memory instance lasts as long as the process.
/// </summary>
public static class LocalKmsRegistry
{
    private const string InMemory = "";
    private static readonly object Gate = new();
    private static readonly Dictionary<string, LocalKmsInstance> Instances = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, (LocalKmsServer Server, LocalKmsInstance Instance, IDisposable Hold)> Servers = new();

    /// <summary>The instance for a state file (a full path), or the in-memory one for null, opened if need be but not held.</summary>
    public static LocalKmsInstance Get(string? statePath)
    {
        lock (Gate) return GetOrCreate(statePath ?? InMemory);
    }

    /// <summary>Holds the instance of a state file (or the in-memory one) until the returned hold is disposed.</summary>
    public static IDisposable Open(string? statePath, out LocalKmsInstance instance)
    {
        lock (Gate)
        {
            instance = GetOrCreate(statePath ?? InMemory);
            instance.Holders++;
            return new Hold(instance);
        }
    }

    /// <summary>The instance of a state file (or the in-memory one) if this process has it open; null otherwise.</summary>
    public static LocalKmsInstance? Find(string? statePath)
    {
        lock (Gate) return Instances.GetValueOrDefault(statePath ?? InMemory);
    }

    /// <summary>How many sessions and servers hold the instance of a state file; 0 when it is not open.</summary>
    public static int HolderCount(string? statePath)
    {
        lock (Gate) return Instances.GetValueOrDefault(statePath ?? InMemory)?.Holders ?? 0;
    }

    private static LocalKmsInstance GetOrCreate(string key)
    {
        if (Instances.TryGetValue(key, out var open)) return open;
        try
        {
            var created = LocalKmsInstance.Create(key.Length == 0 ? null : key);
            Instances[key] = created;
            return created;
        }
        catch (StateFileInUseException e)
        {
            throw new KmsConfigurationException("LocalStateUnavailable", e.Message, e);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException
            or System.Text.Json.JsonException or FormatException)
        {
            throw new KmsConfigurationException("LocalStateUnavailable", $"The local KMS state file '{key}' cannot be used: {e.Message}", e);
        }
    }

    private static void Release(LocalKmsInstance instance)
    {
        lock (Gate)
        {
            if (--instance.Holders > 0 || instance.Service.StatePath is null) return;
            Instances.Remove(instance.Service.StatePath);
            instance.Service.Dispose();
        }
    }

    /// <summary>Serves an instance over HTTP on 127.0.0.1; port 0 takes a free port. The server holds the instance until stopped.</summary>
    public static LocalKmsServer StartServer(string? statePath, int port)
    {
        var hold = Open(statePath, out var instance);
        try
        {
            var server = new LocalKmsServer(instance.Service, port);
            server.Start();
            Servers[server.Port] = (server, instance, hold);
            return server;
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }

    public static IReadOnlyList<LocalKmsServer> RunningServers => Servers.Values.Select(s => s.Server).Where(s => s.IsRunning).OrderBy(s => s.Port).ToArray();

    /// <summary>The instance a running server of this process on <paramref name="port"/> serves; null when there is none.</summary>
    public static LocalKmsInstance? ServedOn(int port) =>
        Servers.TryGetValue(port, out var entry) && entry.Server.IsRunning ? entry.Instance : null;

    /// <summary>Stops the server on <paramref name="port"/>; false when there is none.</summary>
    public static bool StopServer(int port)
    {
        if (!Servers.TryRemove(port, out var entry)) return false;
        entry.Server.Stop();
        entry.Hold.Dispose();
        return true;
    }

    private sealed class Hold(LocalKmsInstance instance) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Release(instance);
        }
    }
}

/// <summary>One local KMS: the service, the clock its keys live by, and the HttpClient that reaches it in process.</summary>
public sealed class LocalKmsInstance
{
    private readonly object _clockGate = new();

    private LocalKmsInstance(LocalKmsService service, LocalKmsRunningClock clock)
    {
        Service = service;
        Clock = clock;
        HttpClient = LocalKmsHttpMessageHandler.CreateClient(service);
    }

    public LocalKmsService Service { get; }

    /// <summary>The clock of key lifecycles; tests move it to see deletion windows pass.</summary>
    public LocalKmsRunningClock Clock { get; }

    /// <summary>One HttpClient shared by every in-process SDK client of this instance.</summary>
    public HttpClient HttpClient { get; }

    /// <summary>The sessions and servers holding this instance (under the registry's lock).</summary>
    internal int Holders { get; set; }

    /// <summary>
    /// Moves the clock forward once the new offset is saved in the state file, so a restart keeps it; throws
    /// <see cref="KmsConfigurationException"/> (LocalStateNotSavedException), with the clock unmoved, when it cannot be.
    /// </summary>
    public void AdvanceClock(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The local KMS clock only moves forward.");
        lock (_clockGate)
        {
            Service.SaveClockOffset(Clock.Offset + by);
            Clock.Advance(by);
        }
    }

    internal static LocalKmsInstance Create(string? statePath)
    {
        var clock = new LocalKmsRunningClock();
        var service = new LocalKmsService(new LocalKmsOptions { StatePath = statePath, Clock = clock });
        clock.Advance(service.ClockOffset);
        return new LocalKmsInstance(service, clock);
    }
}
