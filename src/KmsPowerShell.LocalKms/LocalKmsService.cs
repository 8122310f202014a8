using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Auth;
using KmsPowerShell.LocalKms.Faults;
using KmsPowerShell.LocalKms.Operations;
using KmsPowerShell.LocalKms.Persistence;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms;

/// <summary>
/// The local KMS: answers KMS JSON 1.1 requests (POST /, X-Amz-Target: TrentService.*) signed with SigV4, with
/// AWS's semantics and real cryptography. One instance serves every region and account; the region of a request is
/// its credential scope's region. Thread-safe; transports (<see cref="Http.LocalKmsHttpMessageHandler"/>,
/// <see cref="Http.LocalKmsServer"/>) call <see cref="HandleAsync"/>.
/// </summary>
public sealed class LocalKmsService : IDisposable
{
    private const string TargetPrefix = "TrentService.";
    // Operations that only read share the state; anything that changes it (an operation or a due sweep) is alone.
    private readonly ReaderWriterLockSlim _gate = new();
    private readonly LocalKmsOptions _options;
    private readonly PrincipalDirectory _principals;
    private readonly SigV4Verifier _verifier;
    private readonly FaultInjector _faults = new();
    private readonly StateFile? _file;
    private readonly KmsState _state;
    private readonly StateSweeper _sweeper = new();
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _warnings = [];
    private bool _disposed;

    public LocalKmsService(LocalKmsOptions? options = null)
    {
        _options = options ?? new LocalKmsOptions();
        _principals = new PrincipalDirectory(_options.Principals);
        _verifier = new SigV4Verifier(_principals, _options.SignatureClock);
        _faults.Faults = _options.Faults;
        if (_options.StatePath is { } path)
        {
            _file = new StateFile(path);
            try { _state = _file.Load(); }
            catch { _file.Dispose(); throw; }
            _warnings = _file.Warnings;
        }
        _state ??= new KmsState();
    }

    /// <summary>The operations this service answers.</summary>
    public static IReadOnlyCollection<string> Operations => OperationRegistry.Names;

    /// <summary>The fault injection settings; setting them restarts the seeded sequence.</summary>
    public LocalKmsFaults Faults
    {
        get => _faults.Faults;
        set => _faults.Faults = value;
    }

    public string? StatePath => _file?.Path;

    /// <summary>
    /// What opening the state file found wrong and fixed (a file other users could read), each said once: the first
    /// caller takes them, to warn its user.
    /// </summary>
    public IReadOnlyList<string> TakeWarnings()
    {
        var warnings = Interlocked.Exchange(ref _warnings, []);
        return warnings;
    }

    /// <summary>
    /// Requests per operation (such as GenerateDataKey) since start or <see cref="ResetCallCounts"/>, whether they
    /// succeeded or not; requests that named no known operation are not counted. For tests and benchmarks.
    /// </summary>
    public IReadOnlyDictionary<string, long> CallCounts => new Dictionary<string, long>(_calls, StringComparer.Ordinal);

    /// <summary>Requests for one operation, as in <see cref="CallCounts"/>.</summary>
    public long CallCount(string operation) => _calls.GetValueOrDefault(operation);

    public void ResetCallCounts() => _calls.Clear();

    internal StateFile? File => _file;

    internal KmsState State => _state;

    /// <summary>Lets another principal sign requests from now on.</summary>
    public void AddPrincipal(LocalKmsPrincipal principal) => _principals.Add(principal);

    public async Task<LocalKmsResponse> HandleAsync(LocalKmsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var requestId = Guid.NewGuid().ToString();
        try
        {
            var (fault, delay) = _faults.Next();
            switch (fault)
            {
                case FaultKind.Throttle: throw KmsErrors.Throttling();
                case FaultKind.InternalError: throw KmsErrors.Internal();
                case FaultKind.DropConnection: return LocalKmsResponse.Dropped;
                case FaultKind.Slow: await Task.Delay(delay, cancellationToken).ConfigureAwait(false); break;
            }
            return Success(requestId, Handle(request));
        }
        catch (KmsErrorException error)
        {
            return Error(requestId, error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Error(requestId, KmsErrors.Internal());
        }
    }

    private JsonObject Handle(LocalKmsRequest request)
    {
        if (request.Method != "POST" || request.Path != "/") throw KmsErrors.UnknownOperation();
        var caller = _verifier.Verify(request);
        request.Headers.TryGetValue("X-Amz-Target", out var target);
        var operation = target is not null && target.StartsWith(TargetPrefix, StringComparison.Ordinal)
            ? OperationRegistry.Find(target[TargetPrefix.Length..])
            : null;
        if (operation is null) throw KmsErrors.UnknownOperation();
        _calls.AddOrUpdate(target![TargetPrefix.Length..], 1, (_, n) => n + 1);
        var body = ParseBody(request.Body);

        if (!operation.Mutates)
        {
            _gate.EnterReadLock();
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var now = _options.Clock.GetUtcNow();
                if (!_sweeper.IsDue(now)) return operation.Execute(Context(body, caller, now, canChange: false));
            }
            catch (StateChangeNeededException)
            {
                // It names what KMS makes on first use (an AWS managed key): run it again alone, below.
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
        _gate.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _options.Clock.GetUtcNow();
            Change(() => _sweeper.SweepIfDue(_state, now));
            var result = Change(() => operation.Execute(Context(body, caller, now, canChange: true)));
            _sweeper.Invalidate();
            return result;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Runs a change of the state (under the write lock), which takes effect only once it is saved: when it throws,
    /// or its save fails, every entry it reached is put back as it was (so a failed operation changes nothing either).
    /// </summary>
    private T Change<T>(Func<T> change)
    {
        _state.BeginChange();
        try
        {
            var result = change();
            if (_file is not null)
            {
                using var changed = _state.Changed();
                _file.Save(_state, changed);
            }
            _state.AcceptChange();
            return result;
        }
        catch (Exception e)
        {
            _state.RejectChange();
            _sweeper.Invalidate();
            if (e is StateNotSavedException notSaved) throw KmsErrors.StateNotSaved(notSaved.Message);
            throw;
        }
    }

    private OperationContext Context(JsonObject body, Caller caller, DateTimeOffset now, bool canChange) =>
        new(_state, new RequestReader(body), caller, now, _options, canChange) { IsKnownPrincipal = _principals.IsKnownPolicyPrincipal };

    private static JsonObject ParseBody(byte[] body)
    {
        if (body.Length == 0) return new JsonObject();
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw KmsErrors.Serialization("The request body is not a JSON object.");
        }
        catch (JsonException)
        {
            throw KmsErrors.Serialization("The request body is not valid JSON.");
        }
    }

    private static LocalKmsResponse Success(string requestId, JsonObject body) =>
        new(200, Headers(requestId, null), Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static LocalKmsResponse Error(string requestId, KmsErrorException error)
    {
        var body = new JsonObject { ["__type"] = error.Code };
        if (error.KmsMessage is not null) body["message"] = error.KmsMessage;
        return new LocalKmsResponse(error.StatusCode, Headers(requestId, error.Code), Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private static Dictionary<string, string> Headers(string requestId, string? errorType)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/x-amz-json-1.1",
            ["x-amzn-RequestId"] = requestId,
        };
        if (errorType is not null) headers["x-amzn-ErrorType"] = errorType;
        return headers;
    }

    public void Dispose()
    {
        _gate.EnterWriteLock();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _file?.Compact(_state);
            _file?.Dispose();
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }
}
