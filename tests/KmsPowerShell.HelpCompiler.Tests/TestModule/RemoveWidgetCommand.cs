using System.Management.Automation;

namespace KmsPowerShell.HelpCompiler.Tests.TestModule;

/// <summary>A cmdlet with ShouldProcess (so -WhatIf and -Confirm) and a single parameter set.</summary>
[Cmdlet(VerbsCommon.Remove, "Widget", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveWidgetCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = "";
}
