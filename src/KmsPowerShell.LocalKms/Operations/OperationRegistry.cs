namespace KmsPowerShell.LocalKms.Operations;

/// <summary>Every operation of the local KMS by name: the KmsOperation subclasses of this assembly.</summary>
internal static class OperationRegistry
{
    private static readonly Dictionary<string, KmsOperation> Operations = typeof(KmsOperation).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(KmsOperation)) && !t.IsAbstract)
        .Select(t => (KmsOperation)Activator.CreateInstance(t)!)
        .ToDictionary(o => o.Name, StringComparer.Ordinal);

    public static KmsOperation? Find(string name) => Operations.GetValueOrDefault(name);

    public static IReadOnlyCollection<string> Names => Operations.Keys;
}
