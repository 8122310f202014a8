using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;

namespace KmsPowerShell.HelpCompiler.Output;

/// <summary>A parameter as the help file describes it: attributes from the compiled cmdlet, text from its page.</summary>
internal sealed record DocumentedParameter(CompiledParameter Compiled, ParameterEntry Entry);
