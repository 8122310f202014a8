using System.Management.Automation;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell;

/// <summary>Says, through the cmdlet that opened a local KMS state file, what opening it found wrong and fixed.</summary>
internal static class LocalStateWarnings
{
    public static void Write(Cmdlet cmdlet, string? statePath)
    {
        if (statePath is null || LocalKmsRegistry.Find(statePath) is not { } instance) return;
        foreach (var warning in instance.Service.TakeWarnings()) cmdlet.WriteWarning(warning);
    }
}
