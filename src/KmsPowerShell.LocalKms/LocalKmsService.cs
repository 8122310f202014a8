using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Auth;
using KmsPowerShell.LocalKms.Faults;
using KmsPowerShell.LocalKms.Operations;
using KmsPowerShell.LocalKms.Operations.KeyStores;
using KmsPowerShell.LocalKms.Persistence;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.LocalKms.Sts;

namespace KmsPowerShell.LocalKms;

/// <summary>
/// The local KMS: answers KMS JSON 1.1 requests (POST /, X-Amz-Target: TrentService.*) signed with SigV4, with
/// AWS's semantics and real cryptography, and STS's GetCallerIdentity and AssumeRole (<see cref="StsService"/>). One instance serves every region and account; the region of a request is
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
    private readonly StsService _sts;
    private readonly FaultInjector _faults = new();
    private readonly StateFile? _file;
    private readonly KmsState _state;
    private readonly StateSweeper _sweeper = new();
    private readonly KeyUsageTable _keyUsage = new();
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _warnings = [];
    private bool _disposed;

    public LocalKmsService(LocalKmsOptions? options = null)
    {
        _options = options ?? new LocalKmsOptions();
        _principals = new PrincipalDirectory(_options.Principals);
        _verifier = new SigV4Verifier(_principals, _options.SignatureClock, _options.Clock);
        _sts = new StsService(_verifier, _principals, _options.Clock);
        _faults.Faults = _options.Faults;
        if (_options.StatePath is { } path)
        {
            _file = new StateFile(path);
            try { _state = _file.Load(); }
            catch { _file.Dispose(); throw; }
            _warnings = _file.Warnings;
        }
        _state ??= new KmsState();
        _state.UsageTrackingStartDate ??= _options.Clock.GetUtcNow();
        LoadPrincipals();
        if (_state.Settings.Values.FirstOrDefault() is { } settings) _faults.Faults = settings.Faults;
    }

    /// <summary>The operations this service answers.</summary>
    public static IReadOnlyCollection<string> Operations => OperationRegistry.Names;

    /// <summary>
    /// The fault injection settings; setting them restarts the seeded sequence. They are saved in the state file:
    /// setting them throws <see cref="KmsConfigurationException"/> (LocalStateNotSavedException) when they cannot be.
    /// </summary>
    public LocalKmsFaults Faults
    {
        get => _faults.Faults;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            Administer(() => ChangeSettings(settings => settings.Faults = value), then: () => _faults.Faults = value);
        }
    }

    /// <summary>How far the clock of key lifecycles was moved forward, as last saved (<see cref="SaveClockOffset"/>).</summary>
    public TimeSpan ClockOffset
    {
        get
        {
            _gate.EnterReadLock();
            try { return _state.Settings.Values.FirstOrDefault()?.ClockOffset ?? TimeSpan.Zero; }
            finally { _gate.ExitReadLock(); }
        }
    }

    /// <summary>Saves the offset of the clock that <see cref="LocalKmsInstance"/> moves, so a restart keeps it.</summary>
    public void SaveClockOffset(TimeSpan offset) => Administer(() => ChangeSettings(settings => settings.ClockOffset = offset));

    /// <summary>Every principal that can sign requests, by principal ARN.</summary>
    public IReadOnlyList<LocalKmsPrincipal> Principals =>
        _principals.All.OrderBy(p => p.PrincipalArn, StringComparer.Ordinal).ThenBy(p => p.AccessKeyId, StringComparer.Ordinal).ToArray();

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

    /// <summary>
    /// Lets another principal sign requests from now on, and saves it in the state file. One whose ARN or access key
    /// is known already replaces that principal only when <paramref name="replace"/>; a built-in one is never replaced.
    /// Throws <see cref="KmsArgumentException"/> (LocalPrincipalExists, LocalPrincipalBuiltIn, PolicyInvalid) or
    /// <see cref="KmsConfigurationException"/> (the change could not be saved), having changed nothing.
    /// </summary>
    public void AddPrincipal(LocalKmsPrincipal principal, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(principal);
        PrincipalDirectory.Check(principal);
        IdentityPolicyCheck.Require(principal.IdentityPolicies);
        Administer(() =>
        {
            var clashes = _principals.All.Where(p => p.PrincipalArn == principal.PrincipalArn || p.AccessKeyId == principal.AccessKeyId).ToList();
            if (clashes.FirstOrDefault(_principals.IsFixed) is { } builtIn) throw BuiltIn(builtIn);
            if (clashes.Count > 0 && !replace)
            {
                throw new KmsArgumentException("LocalPrincipalExists",
                    $"The local KMS already has a principal with the ARN or the access key id of {principal.PrincipalArn}: {string.Join(", ", clashes)}.");
            }
            foreach (var clash in clashes) _state.Principals.Remove(clash.PrincipalArn);
            _state.Principals[principal.PrincipalArn] = StoredPrincipal.From(principal);
        });
    }

    /// <summary>Removes an added principal and saves that; false when there is none of that ARN. A built-in one cannot be removed.</summary>
    public bool RemovePrincipal(string principalArn)
    {
        var removed = false;
        Administer(() =>
        {
            if (_principals.All.FirstOrDefault(p => p.PrincipalArn == principalArn && _principals.IsFixed(p)) is { } builtIn) throw BuiltIn(builtIn);
            removed = _state.Principals.Remove(principalArn);
        });
        return removed;
    }

    private static KmsArgumentException BuiltIn(LocalKmsPrincipal principal) =>
        new("LocalPrincipalBuiltIn", $"The principal {principal.PrincipalArn} is built into the local KMS: it cannot be replaced or removed.");

    /// <summary>
    /// Runs a change that a user of this class asks for (not a request), alone and saved as every change is; a
    /// change that cannot be saved is undone and throws <see cref="KmsConfigurationException"/> (LocalStateNotSavedException).
    /// <paramref name="then"/> applies a saved change outside the state, still under the lock.
    /// </summary>
    private void Administer(Action change, Action? then = null)
    {
        _gate.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Saved(() => { change(); return true; });
            LoadPrincipals();
            then?.Invoke();
        }
        catch (StateNotSavedException e)
        {
            throw new KmsConfigurationException("LocalStateNotSavedException", e.Message, e);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    private void ChangeSettings(Action<StoredSettings> change)
    {
        var settings = _state.Settings.GetValueOrDefault(StoredSettings.Id) ?? new StoredSettings();
        change(settings);
        _state.Settings[StoredSettings.Id] = settings;
    }

    private void LoadPrincipals() => _principals.Load(_state.Principals.Values.Select(p => p.ToPrincipal()));

    public async Task<LocalKmsResponse> HandleAsync(LocalKmsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var requestId = Guid.NewGuid().ToString();
        // STS reads no state and is spared the injected faults, which are KMS's.
        if (StsService.IsStsRequest(request)) return _sts.Handle(request, requestId);
        try
        {
            var (fault, delay) = _faults.Next(SignedRegion(request));
            switch (fault)
            {
                case FaultKind.Throttle: throw KmsErrors.Throttling();
                case FaultKind.InternalError: throw KmsErrors.Internal();
                case FaultKind.DropConnection: return LocalKmsResponse.Dropped;
                case FaultKind.Slow: await Task.Delay(delay, cancellationToken).ConfigureAwait(false); break;
            }
            return Success(requestId, Handle(request, requestId, cancellationToken));
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

    /// <summary>The region a request is signed for, before its signature is checked (for the faults); null when it names none.</summary>
    private static string? SignedRegion(LocalKmsRequest request)
    {
        if (!request.Headers.TryGetValue("Authorization", out var header)) return null;
        try
        {
            return SigV4Authorization.Parse(header).Region;
        }
        catch (KmsErrorException)
        {
            return null;
        }
    }

    private JsonObject Handle(LocalKmsRequest request, string requestId, CancellationToken cancellation)
    {
        if (request.Method != "POST" || request.Path != "/") throw KmsErrors.UnknownOperation();
        var caller = _verifier.Verify(request, "kms");
        request.Headers.TryGetValue("X-Amz-Target", out var target);
        var operation = target is not null && target.StartsWith(TargetPrefix, StringComparison.Ordinal)
            ? OperationRegistry.Find(target[TargetPrefix.Length..])
            : null;
        if (operation is null) throw KmsErrors.UnknownOperation();
        _calls.AddOrUpdate(target![TargetPrefix.Length..], 1, (_, n) => n + 1);
        var body = ParseBody(request.Body);

        if (!operation.Mutates && TryRead(operation, body, caller, requestId, cancellation) is { } read) return read;

        // A changing request may need an XKS proxy's answer: it is asked with no lock held, then the request runs again.
        var answers = new Dictionary<XksProxyCall, XksProxyAnswer>();
        while (true)
        {
            XksProxyCall needed;
            _gate.EnterWriteLock();
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var now = _options.Clock.GetUtcNow();
                SaveKeyUsage();
                Change(() => _sweeper.SweepIfDue(_state, now));
                // A read-only request lands here only to make an AWS managed key first; its proxy calls, if any, cannot wait.
                var xks = operation.Mutates ? new XksProxyCalls { Answers = answers } : new XksProxyCalls { CallUnlocked = call => CallProxy(call, cancellation) };
                var context = Context(operation, body, caller, now, requestId, canChange: true, xks);
                var result = Change(() => operation.Execute(context));
                _sweeper.Invalidate();
                RecordUsage(operation, context);
                return result;
            }
            catch (XksProxyCallNeededException need) when (!answers.ContainsKey(need.Call))
            {
                needed = need.Call;
            }
            finally
            {
                _gate.ExitWriteLock();
            }
            answers[needed] = CallProxy(needed, cancellation);
        }
    }

    /// <summary>
    /// Runs a read-only operation under the read lock, sweeping first (alone) what became due; null when it must run
    /// again alone because it has to change the state. Its XKS proxy calls are made with the read lock let go.
    /// </summary>
    private JsonObject? TryRead(KmsOperation operation, JsonObject body, Caller caller, string requestId, CancellationToken cancellation)
    {
        while (true)
        {
            _gate.EnterReadLock();
            var readLockHeld = true;
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var now = _options.Clock.GetUtcNow();
                if (!_sweeper.IsDue(now))
                {
                    var xks = new XksProxyCalls
                    {
                        CallUnlocked = call =>
                        {
                            _gate.ExitReadLock();
                            readLockHeld = false;
                            try { return CallProxy(call, cancellation); }
                            finally
                            {
                                _gate.EnterReadLock();
                                readLockHeld = true;
                            }
                        },
                    };
                    var reading = Context(operation, body, caller, now, requestId, canChange: false, xks);
                    var answer = operation.Execute(reading);
                    RecordUsage(operation, reading);
                    return answer;
                }
            }
            catch (StateChangeNeededException)
            {
                // It names what KMS makes on first use (an AWS managed key): run it again alone.
                return null;
            }
            finally
            {
                if (readLockHeld) _gate.ExitReadLock();
            }
            SweepDue();
        }
    }

    private void SweepDue()
    {
        _gate.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SaveKeyUsage();
            Change(() => _sweeper.SweepIfDue(_state, _options.Clock.GetUtcNow()));
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>A call to an XKS proxy, signed at the local KMS's time.</summary>
    private XksProxyAnswer CallProxy(XksProxyCall call, CancellationToken cancellation) =>
        XksProxyClient.Send(call, _options.Clock.GetUtcNow(), cancellation);

    /// <summary>
    /// Runs a change of the state (under the write lock), which takes effect only once it is saved: when it throws,
    /// or its save fails, every entry it reached is put back as it was (so a failed operation changes nothing either).
    /// </summary>
    private T Change<T>(Func<T> change)
    {
        try
        {
            return Saved(change);
        }
        catch (StateNotSavedException notSaved)
        {
            throw KmsErrors.StateNotSaved(notSaved.Message);
        }
    }

    /// <summary><see cref="Change{T}"/>, throwing <see cref="StateNotSavedException"/> when the change could not be saved.</summary>
    private T Saved<T>(Func<T> change)
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
        catch
        {
            _state.RejectChange();
            _sweeper.Invalidate();
            throw;
        }
    }

    private OperationContext Context(KmsOperation operation, JsonObject body, Caller caller, DateTimeOffset now, string requestId, bool canChange, XksProxyCalls xks) =>
        new(_state, new RequestReader(body), caller, now, _options, canChange)
        {
            IsKnownPrincipal = _principals.IsKnownPolicyPrincipal, RequestId = requestId, KeyUsage = _keyUsage,
            OperationName = operation.Name, Xks = xks,
        };

    /// <summary>After a success: a cryptographic operation was a use of every key it was allowed to act on (both of a ReEncrypt).</summary>
    private void RecordUsage(KmsOperation operation, OperationContext context)
    {
        if (!KeyUsageTable.Counts(operation.Name)) return;
        var usage = new StoredKeyUsage(operation.Name, context.Now, context.RequestId);
        foreach (var arn in context.AuthorizedKeyArns) _keyUsage.Record(arn, usage);
    }

    /// <summary>
    /// Saves the usage recorded under the read lock, as a change of its own (under the write lock, before the next
    /// change, and on closing). Usage is a record, not a change anyone asked for: when it cannot be saved, it stays
    /// recorded for the next try and the request goes on.
    /// </summary>
    private void SaveKeyUsage()
    {
        if (_keyUsage.IsEmpty) return;
        try
        {
            Saved(() => { _keyUsage.WriteTo(_state); return true; });
            _keyUsage.Clear();
        }
        catch (StateNotSavedException)
        {
            // Still in the table: a later change or the close saves it.
        }
    }

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
            SaveKeyUsage();
            _file?.Compact(_state);
            _file?.Dispose();
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }
}
