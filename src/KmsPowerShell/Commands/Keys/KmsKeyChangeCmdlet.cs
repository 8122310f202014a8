using System.Management.Automation;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>A cmdlet that changes each key it is given, after ShouldProcess names the key and the action.</summary>
public abstract class KmsKeyChangeCmdlet : KmsKeyCmdlet
{
    /// <summary>Writes the changed key (or what the cmdlet changed) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>What ShouldProcess says the cmdlet will do to the key.</summary>
    protected abstract string Action(KmsKey key);

    protected abstract Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken);

    /// <summary>True when -Force was given: the change happens without a confirmation prompt.</summary>
    protected virtual bool ForceChange => false;

    protected override void ProcessKey(KmsKeyReference reference)
    {
        var key = Describe(reference);
        if (!ShouldChange(NameOf(key), Action(key), ForceChange))
        {
            if (IsWhatIf) AfterWhatIf(key);
            return;
        }
        Await(ChangeAsync(RequestFor(key), CancellationToken));
        AfterChange(key);
        if (PassThru) WriteObject(PassThruObject(key));
    }

    /// <summary>Runs on the pipeline thread after -WhatIf reported the change: more of what the change would do.</summary>
    protected virtual void AfterWhatIf(KmsKey key)
    {
    }

    /// <summary>Runs on the pipeline thread once the change is made: warnings, verbose notes.</summary>
    protected virtual void AfterChange(KmsKey key)
    {
    }

    /// <summary>What -PassThru writes: the key as it is now, unless the cmdlet changes something else.</summary>
    protected virtual object PassThruObject(KmsKey key) => Await(Reader.GetAsync(RequestFor(key), CancellationToken));
}
