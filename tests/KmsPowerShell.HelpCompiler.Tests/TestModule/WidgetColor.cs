namespace KmsPowerShell.HelpCompiler.Tests.TestModule;

public enum WidgetColor
{
    Red,
    Green,
}
