namespace KmsPowerShell.HelpCompiler.Tests.TestModule;

public sealed class Widget
{
    public string Name { get; init; } = "";
}
