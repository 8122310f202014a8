using KmsPowerShell.HelpCompiler.Metadata;

namespace KmsPowerShell.HelpCompiler.Tests.TestModule;

/// <summary>This test assembly imported as a binary module, read once: its cmdlets are the ones help is checked against.</summary>
internal static class WidgetModule
{
    private static readonly Lazy<CompiledModule> Module = new(() => ModuleReader.Read(typeof(WidgetModule).Assembly.Location));

    public static CompiledModule Read() => Module.Value;

    public static CompiledCmdlet Cmdlet(string name) => Read().Cmdlets.Single(c => c.Name == name);
}
