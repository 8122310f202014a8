namespace KmsPowerShell;

/// <summary>Completes key policy names: KMS keys have one, named default.</summary>
public sealed class PolicyNameCompleter : ListCompleter
{
    private protected override IEnumerable<string> Values => ["default"];
}
