using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell;

/// <summary>Completes the operations a grant can allow.</summary>
public sealed class GrantOperationCompleter : ListCompleter
{
    private protected override IEnumerable<string> Values => GrantOperations.All;
}
