using System.Management.Automation;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Commands.Local;

/// <summary>
/// Makes a seeded share of the local KMS's answers faults: throttling, 500s, dropped connections, slow answers.
/// For testing how scripts (and this module's retries) cope; all rates 0 turns faults off.
/// </summary>
[Cmdlet(VerbsCommon.Set, "KmsLocalFault", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class SetKmsLocalFaultCommand : LocalKmsCmdlet
{
    /// <summary>The share of calls answered with ThrottlingException (HTTP 400), from 0 to 1.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double ThrottleRate { get; set; }

    /// <summary>The share of calls answered with KMSInternalException (HTTP 500), from 0 to 1.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double InternalErrorRate { get; set; }

    /// <summary>The share of calls whose connection is dropped without an answer, from 0 to 1.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double DropConnectionRate { get; set; }

    /// <summary>The share of calls answered after -SlowDelay, from 0 to 1.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double SlowRate { get; set; }

    /// <summary>How long a slow answer waits.</summary>
    [Parameter]
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Regions whose endpoint is down: every request signed for one of them has its connection dropped.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidatePattern(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    public string[]? UnreachableRegion { get; set; }

    /// <summary>The seed of the fault sequence: the same seed gives the same faults in the same order.</summary>
    [Parameter]
    public int Seed { get; set; } = 1;

    protected override void EndProcessing()
    {
        var faults = new LocalKmsFaults(ThrottleRate, InternalErrorRate, DropConnectionRate, SlowRate, SlowDelay, Seed,
            UnreachableRegion is { Length: > 0 } regions ? [.. regions.Distinct(StringComparer.Ordinal)] : null);
        if (ThrottleRate + InternalErrorRate + DropConnectionRate + SlowRate > 1 || SlowDelay < TimeSpan.Zero)
        {
            var error = new KmsArgumentException("LocalFaultsInvalid", "The fault rates must add up to 1 or less, and -SlowDelay must not be negative.");
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(error, faults));
        }
        var unreachable = faults.UnreachableRegions is { } down ? $", no endpoint in {string.Join(", ", down)}" : "";
        var target = faults.Any ? $"throttle {ThrottleRate:P0}, 500s {InternalErrorRate:P0}, drops {DropConnectionRate:P0}, slow {SlowRate:P0}{unreachable}" : "no faults";
        var instance = LocalKms();
        if (!ShouldProcess(Describe(instance), $"Answer with {target}")) return;
        try
        {
            instance.Service.Faults = faults;
        }
        catch (KmsConfigurationException e)
        {
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(e, faults));
        }
    }
}
