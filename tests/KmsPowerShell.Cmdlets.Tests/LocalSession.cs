using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Cmdlets.Tests;

/// <summary>
/// A session on an in-process local KMS (the real SDK pipeline, no network) with a state file of its own, so tests
/// never share keys.
/// </summary>
internal sealed class LocalSession : IDisposable
{
    public const string Region = "us-east-1";
    private readonly string _folder = Directory.CreateTempSubdirectory("kmsps-local-").FullName;

    public LocalSession() => Session = KmsSessionFactory.Create(
        new KmsSessionOptions { Local = true, Region = Region, LocalStatePath = Path.Combine(_folder, "state.json") }, _ => { }, _ => { });

    public KmsSession Session { get; }

    public void Dispose()
    {
        Session.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    public string NewKey(string? description = null) =>
        new KmsKeyAdmin(Session).CreateKeyAsync(Region, new NewKeyRequest("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", description,
            new Dictionary<string, string>(), null, false, false), CancellationToken.None).GetAwaiter().GetResult().KeyId;

    public void NewAlias(string name, string keyId) =>
        new KmsAliasAdmin(Session).CreateAsync(Region, name, keyId, CancellationToken.None).GetAwaiter().GetResult();
}
