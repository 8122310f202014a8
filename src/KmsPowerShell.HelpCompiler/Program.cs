using KmsPowerShell.HelpCompiler;
using KmsPowerShell.HelpCompiler.Metadata;

// KmsPowerShell.HelpCompiler compile --module <manifest> --docs <folder> --output <folder>
// KmsPowerShell.HelpCompiler update  --module <manifest> --docs <folder>
var options = CommandLine.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: KmsPowerShell.HelpCompiler compile --module <psd1> --docs <folder> --output <folder>");
    Console.Error.WriteLine("       KmsPowerShell.HelpCompiler update --module <psd1> --docs <folder>");
    return 2;
}

CompiledModule module;
try
{
    module = ModuleReader.Read(options.Module);
}
catch (Exception e) when (e is FileNotFoundException or System.Management.Automation.RuntimeException or InvalidOperationException)
{
    Console.Error.WriteLine($"{options.Module}:1: the module could not be imported to read its cmdlets: {e.Message}");
    return 1;
}

if (options.Command == "update")
{
    var changed = HelpUpdate.Run(module, options.Docs);
    foreach (var path in changed) Console.WriteLine($"Wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    Console.WriteLine(changed.Count == 0 ? "Help pages are up to date." : $"{changed.Count} page(s) written: fill in any {{{{ ... }}}} placeholder.");
    return 0;
}

var problems = new ProblemList();
var written = HelpCompilation.Run(module, options.Docs, options.Output!, problems);
foreach (var problem in problems.All) Console.Error.WriteLine(problem);
if (problems.Any)
{
    Console.Error.WriteLine($"Help was not compiled: {problems.All.Count} problem(s) in {options.Docs}.");
    return 1;
}
Console.WriteLine($"Compiled help for {module.Cmdlets.Count} cmdlets: {string.Join(", ", written.Select(Path.GetFileName))}");
return 0;
