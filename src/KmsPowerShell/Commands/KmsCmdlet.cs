using System.Management.Automation;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Commands;

/// <summary>
/// What every KMS cmdlet shares: the session it works with, a cancellation token that Ctrl+C cancels,
/// and the way failures become ErrorRecords. Cmdlets that call KMS derive from <see cref="KmsCmdlet"/>, which adds -Session.
/// </summary>
public abstract class KmsCommand : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    // PowerShell makes the cmdlet on the thread that then runs BeginProcessing, ProcessRecord and EndProcessing.
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
    private KmsSession? _session;

    /// <summary>The session the user passed, if the cmdlet takes one.</summary>
    protected virtual KmsSession? GivenSession => null;

    protected CancellationToken CancellationToken => _stopping.Token;

    /// <summary>
    /// The -Session given, else the runspace's current session, else a default one from the standard AWS chain, unless
    /// the runspace used a local KMS, the last Connect-Kms failed, or automatic sessions are off. Pipeline thread only:
    /// opening a session reads the runspace and may write verbose output or end the command, which no other thread may
    /// do, so work handed to other threads takes the session (or what is made from it) with it.
    /// </summary>
    protected KmsSession ActiveSession
    {
        get
        {
            if (Environment.CurrentManagedThreadId != _pipelineThread)
            {
                // The cmdlet's name, not MyInvocation: this thread must not touch PowerShell's state.
                throw new InvalidOperationException($"{GetType().Name} asked for its KMS session off the pipeline thread. " +
                    "Take the session in BeginProcessing, ProcessRecord or EndProcessing and hand it to the work that runs elsewhere.");
            }
            return _session ??= OpenSession();
        }
    }

    private KmsSession OpenSession()
    {
        if (GivenSession is null) return SessionStore.GetOrCreate(CreateDefaultSession);
        if (GivenSession.IsClosed)
        {
            var closed = new ObjectDisposedException(nameof(KmsSession), "The KMS session given with -Session is closed. Run Connect-Kms -PassThru for a new one.");
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(closed, GivenSession));
        }
        SessionStore.Used(GivenSession);
        return GivenSession;
    }

    private KmsSession CreateDefaultSession()
    {
        string? whyNot = null;
        try
        {
            whyNot = SessionStore.WhyNoDefaultSession(AutoConnectPreference.WhyOff(SessionState));
        }
        catch (KmsConfigurationException e)
        {
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(e, AutoConnectPreference.VariableName));
        }
        if (whyNot is not null) ThrowTerminatingError(KmsErrorMap.ToErrorRecord(new KmsConfigurationException("NoKmsSession", whyNot), null));
        WriteVerbose("No current KMS session: building one from the standard AWS chain.");
        return CreateSessionOrThrow(new KmsSessionOptions());
    }

    /// <summary>Builds a session; settings that cannot work end the command with one clear error (after <paramref name="failed"/>).</summary>
    protected KmsSession CreateSessionOrThrow(KmsSessionOptions options, Action<KmsConfigurationException>? failed = null)
    {
        try
        {
            return KmsSessionFactory.Create(options, WriteVerbose, WriteWarning);
        }
        catch (KmsConfigurationException e)
        {
            failed?.Invoke(e);
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(e, options.ProfileName ?? options.Region));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// The region to use: the one given, else the session's. A given region the SDK does not know is still used, after
    /// a warning (once per command) that names the closest known one: a typo otherwise reads as an empty region.
    /// </summary>
    protected string RegionOrDefault(string? region)
    {
        if (string.IsNullOrEmpty(region)) return ActiveSession.Region;
        if (_regionsWarned.Add(region) && RegionHint.Warning(region) is { } warning) WriteWarning(warning);
        return region;
    }

    /// <summary>The regions to use (each as <see cref="RegionOrDefault"/> says), without repeats.</summary>
    protected string[] RegionsOrDefault(string[]? regions) =>
        regions is { Length: > 0 } ? regions.Select(RegionOrDefault).Distinct(StringComparer.Ordinal).ToArray() : [ActiveSession.Region];

    private readonly HashSet<string> _regionsWarned = new(StringComparer.Ordinal);

    /// <summary>A KeyNotFound for a bare word that names an alias says so (see <see cref="AliasHint"/>).</summary>
    private Exception WithAliasHint(Exception exception, object? target) =>
        AliasHint.Add(exception, target, MyInvocation.BoundParameters, _session, CancellationToken);

    /// <summary>
    /// The key to name in calls that take only a key id or ARN (grants): an alias is resolved to its key first,
    /// so users can name keys the same way everywhere.
    /// </summary>
    protected KeyRequest KeyIdOrArn(KmsKeyReference reference, string? region)
    {
        if (reference.Key is { } piped) return new KeyRequest(piped.Arn, piped.Region);
        var request = KeyRequest.For(reference.Value, RegionOrDefault(region));
        if (!KeyIdentifier.Parse(request.KeyId).IsAlias) return request;
        var key = Await(new KmsKeyReader(ActiveSession).GetAsync(request, CancellationToken));
        return new KeyRequest(key.Arn, key.Region);
    }

    /// <summary>Waits for engine work on the pipeline thread; Ctrl+C ends the wait at once.</summary>
    protected T Await<T>(Task<T> task)
    {
        try
        {
            return task.WaitAsync(CancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw Stopped(task);
        }
    }

    /// <summary>
    /// Ctrl+C: the engine work was cancelled with the token. Give it a moment (it stops between batches) to remove
    /// its temporary files before the pipeline ends, so a stopped command leaves nothing behind.
    /// </summary>
    private static PipelineStoppedException Stopped(Task task)
    {
        try
        {
            task.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // Cancelled or failed: either way it has finished cleaning up.
        }
        return new PipelineStoppedException();
    }

    /// <summary>Await for helpers outside the cmdlet class.</summary>
    internal T AwaitResult<T>(Task<T> task) => Await(task);

    internal CancellationToken Token => CancellationToken;

    /// <summary>
    /// Waits for engine work, calling <paramref name="tick"/> every 250 ms on the pipeline thread (where PowerShell wants
    /// progress records) until it ends; Ctrl+C ends the wait at once.
    /// </summary>
    private protected T AwaitWithTicks<T>(Task<T> task, Action tick)
    {
        try
        {
            while (!task.Wait(TimeSpan.FromMilliseconds(250), CancellationToken)) tick();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw Stopped(task);
        }
        catch (AggregateException)
        {
            // The task failed: Await below rethrows its own exception.
        }
        return Await(task);
    }

    /// <summary>Waits for engine work that returns nothing.</summary>
    protected void Await(Task task) => Await(Completed(task));

    private static async Task<bool> Completed(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Asks before a change. -Force skips the question (a confirmation prompt), never -WhatIf: with both, nothing changes.
    /// </summary>
    protected bool ShouldChange(string target, string action, bool force = false) =>
        (force && !IsWhatIf) || ShouldProcess(target, action);

    /// <summary>True under -WhatIf, or $WhatIfPreference when -WhatIf was not given.</summary>
    private protected bool IsWhatIf => IsWhatIfOf(this);

    /// <summary><see cref="IsWhatIf"/> of any cmdlet, for those not on this base.</summary>
    internal static bool IsWhatIfOf(PSCmdlet cmdlet) => cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)
        ? given is SwitchParameter { IsPresent: true } || given is true
        : LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference"));

    /// <summary>Ends the command for a bad invocation (an argument that can never work), before any call.</summary>
    protected void ThrowInvocationError(Exception exception, object? target) =>
        ThrowTerminatingError(KmsErrorMap.ToErrorRecord(WithAliasHint(exception, target), target));

    /// <summary>Reports a failure of one pipeline item and lets the pipeline go on (honours -ErrorAction).</summary>
    protected void WriteKmsError(Exception exception, object? target) => WriteError(KmsErrorMap.ToErrorRecord(WithAliasHint(exception, target), target));

    /// <summary>True for the failures one item can have; anything else is a bug and should surface as one.</summary>
    protected static bool IsItemFailure(Exception exception) =>
        exception is KmsException or ObjectDisposedException or IOException or UnauthorizedAccessException;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Releases what a command holds beyond its cancellation, however it ended (PowerShell disposes every command).</summary>
    private protected virtual void Release()
    {
    }

    public void Dispose()
    {
        Release();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A cmdlet that calls KMS: it takes -Session to use another session than the current one.</summary>
public abstract class KmsCmdlet : KmsCommand
{
    /// <summary>The session to use instead of the current one (Connect-Kms -PassThru returns one).</summary>
    [Parameter]
    public KmsSession? Session { get; set; }

    protected override KmsSession? GivenSession => Session;
}
