using KmsPowerShell.Engine.Session;

namespace KmsPowerShell;

/// <summary>Completes AWS region names.</summary>
public sealed class RegionCompleter : ListCompleter
{
    private protected override IEnumerable<string> Values => RegionName.Known;
}

/// <summary>Completes the profile names of the shared config and credentials files.</summary>
public sealed class ProfileCompleter : ListCompleter
{
    private protected override IEnumerable<string> Values => ProfileNames.List();
}
