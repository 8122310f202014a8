using System.Reflection;
using System.Runtime.Loader;

namespace KmsPowerShell.Isolation;

/// <summary>
/// The private load context that holds the engine, the local KMS, BouncyCastle and the AWSSDK assemblies, so they never meet another module's
/// copy of AWSSDK.Core (whose assembly version is 4.0.0.0 in every 4.x release).
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    public const string EngineName = "KmsPowerShell.Engine";
    public const string LocalKmsName = "KmsPowerShell.LocalKms";
    /// <summary>The local KMS's key wrap (RFC 5649); private too, so another module's BouncyCastle never meets ours.</summary>
    public const string BouncyCastleName = "BouncyCastle.Cryptography";
    private readonly string _folder;

    private EngineLoadContext(string folder) : base("KmsPowerShell.Engine") => _folder = folder;

    public static EngineLoadContext Instance { get; } = new(Path.Combine(
        Path.GetDirectoryName(typeof(EngineLoadContext).Assembly.Location)!, "dependencies"));

    public static bool IsPrivate(string? name) =>
        name is not null && (name == EngineName || name == LocalKmsName || name == BouncyCastleName
            || name.StartsWith("AWSSDK.", StringComparison.Ordinal));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Everything else (the BCL, KmsPowerShell.Model) comes from the default context, shared with PowerShell.
        if (!IsPrivate(assemblyName.Name)) return null;
        var path = Path.Combine(_folder, assemblyName.Name + ".dll");
        if (!File.Exists(path))
        {
            // Never fall back to the default context for these: it may hold another module's AWSSDK.
            throw new FileNotFoundException($"{assemblyName.Name} is not in the module's dependencies folder {_folder}.", path);
        }
        return LoadFromAssemblyPath(path);
    }
}
