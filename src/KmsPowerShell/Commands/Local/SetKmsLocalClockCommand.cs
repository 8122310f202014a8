using System.Management.Automation;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Commands.Local;

/// <summary>Moves the local KMS clock forward, so a script sees a deletion window pass or a rotation fall due; the state file keeps the move.</summary>
[Cmdlet(VerbsCommon.Set, "KmsLocalClock", SupportsShouldProcess = true)]
[OutputType(typeof(KmsLocalClock))]
public sealed class SetKmsLocalClockCommand : LocalKmsCmdlet
{
    /// <summary>How far to move the clock forward, such as (New-TimeSpan -Days 31) or '31.00:00:00'.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public TimeSpan Advance { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        if (Advance < TimeSpan.Zero)
        {
            var error = new KmsArgumentException("LocalClockBackwards", "-Advance must not be negative: the local KMS clock only moves forward.");
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(error, Advance));
        }
        var instance = LocalKms();
        if (!ShouldProcess($"the clock of {Describe(instance)}", $"Move forward by {Advance}")) return;
        try
        {
            instance.AdvanceClock(Advance);
        }
        catch (KmsConfigurationException e)
        {
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(e, Advance));
        }
        var clock = instance.Clock;
        if (PassThru) WriteObject(new KmsLocalClock(clock.GetUtcNow().ToLocalTime(), clock.Offset, instance.Service.StatePath));
    }
}
