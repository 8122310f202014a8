namespace KmsPowerShell.Tests.Backends;

/// <summary>Test classes in this collection share one moto server.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
