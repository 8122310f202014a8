using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>
/// Reads the cmdlets' metadata the way users will meet it: imports the built module into a hosted PowerShell and
/// asks PowerShell itself for parameter sets, positions, pipeline flags and aliases, so we never re-implement its rules.
/// </summary>
internal static class ModuleReader
{
    public static CompiledModule Read(string modulePath)
    {
        var path = Path.GetFullPath(modulePath);
        if (!File.Exists(path)) throw new FileNotFoundException($"The module {path} does not exist: build it first.", path);

        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var shell = PowerShell.Create(runspace);
        shell.AddCommand("Import-Module").AddParameter("Name", path).AddParameter("PassThru").AddParameter("ErrorAction", "Stop");
        var module = shell.Invoke<PSModuleInfo>().FirstOrDefault()
            ?? throw new InvalidOperationException($"Importing {path} returned no module.");

        var cmdlets = module.ExportedCmdlets.Values
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(CmdletMapper.ToCompiledCmdlet)
            .ToArray();
        var assembly = module.ImplementingAssembly?.Location ?? module.Path;
        return new CompiledModule(module.Name, module.Guid, module.Version, Path.GetFileName(assembly) + "-Help.xml", module.ProjectUri, cmdlets);
    }
}
