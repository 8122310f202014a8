using System.Management.Automation;

namespace KmsPowerShell.HelpCompiler.Tests.TestModule;

/// <summary>A cmdlet with the shapes help must describe: sets, a positional pipeline parameter, wildcards, an alias,
/// an enum, a ValidateSet and a parameter that two sets use differently.</summary>
[Cmdlet(VerbsCommon.Get, "Widget", DefaultParameterSetName = "Name")]
[OutputType(typeof(Widget))]
public sealed class GetWidgetCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Name", ValueFromPipeline = true)]
    [Alias("WidgetName")]
    [SupportsWildcards]
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
    public int Id { get; set; }

    [Parameter]
    public WidgetColor Color { get; set; }

    [Parameter(ParameterSetName = "Name")]
    [Parameter(Mandatory = true, ParameterSetName = "Id")]
    [ValidateSet("Small", "Large")]
    public string? Size { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }
}
