using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace KmsPowerShell.Isolation;

/// <summary>On import, sends the engine's and the local KMS's names to the private load context; on removal, stops doing so.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
        SessionStore.CloseAll();
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        // Only our two assemblies: resolving anything else here would hand our AWSSDK to other modules.
        name.Name is EngineLoadContext.EngineName or EngineLoadContext.LocalKmsName
            ? EngineLoadContext.Instance.LoadFromAssemblyName(name)
            : null;
}
