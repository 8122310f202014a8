using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace KmsPowerShell.Isolation;

/// <summary>On import, sends the engine's name to the private load context; on removal, stops doing so.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
        SessionStore.CloseAll();
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        // Only the engine: resolving anything else here would hand our AWSSDK to other modules.
        name.Name == EngineLoadContext.EngineName ? EngineLoadContext.Instance.LoadFromAssemblyName(name) : null;
}
