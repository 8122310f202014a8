using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KmsPowerShell.Cmdlets.Tests;

/// <summary>
/// Runs code as a running cmdlet of a real runspace, for the helpers that need one (provider paths, session state).
/// Each test gets its own runspace, with the current location it names.
/// </summary>
internal sealed class CmdletHost : IDisposable
{
    private readonly Runspace _runspace;

    public CmdletHost(string location)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Invoke-AsCmdlet", typeof(InvokeAsCmdletCommand), null));
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        _runspace.SessionStateProxy.Path.SetLocation(location);
    }

    public void Dispose() => _runspace.Dispose();

    public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>What <paramref name="body"/> returns; an exception it throws is thrown as it is, not wrapped by PowerShell.</summary>
    public T Run<T>(Func<PSCmdlet, T> body)
    {
        using var shell = PowerShell.Create(_runspace);
        shell.AddCommand("Invoke-AsCmdlet").AddParameter("Body", new Func<PSCmdlet, object?>(cmdlet => body(cmdlet)));
        try
        {
            return shell.Invoke().Single() is { } result ? (T)result.BaseObject : default!;
        }
        catch (CmdletInvocationException e) when (e.InnerException is { } thrown)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
            throw;
        }
    }

    [Cmdlet("Invoke", "AsCmdlet")]
    public sealed class InvokeAsCmdletCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public Func<PSCmdlet, object?> Body { get; set; } = null!;

        protected override void ProcessRecord() => WriteObject(Body(this), enumerateCollection: false);
    }
}
