using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Creates, repoints and deletes aliases.</summary>
public sealed class KmsAliasAdmin
{
    private readonly KmsClientPool _clients;

    public KmsAliasAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    public Task CreateAsync(string region, string aliasName, string targetKeyId, CancellationToken cancellationToken) =>
        _clients.CallAsync(region, (c, ct) => c.CreateAliasAsync(new CreateAliasRequest { AliasName = AliasName.Require(aliasName), TargetKeyId = targetKeyId }, ct), cancellationToken);

    public Task UpdateAsync(string region, string aliasName, string targetKeyId, CancellationToken cancellationToken) =>
        _clients.CallAsync(region, (c, ct) => c.UpdateAliasAsync(new UpdateAliasRequest { AliasName = AliasName.Require(aliasName), TargetKeyId = targetKeyId }, ct), cancellationToken);

    public Task DeleteAsync(string region, string aliasName, CancellationToken cancellationToken) =>
        _clients.CallAsync(region, (c, ct) => c.DeleteAliasAsync(new DeleteAliasRequest { AliasName = AliasName.Require(aliasName) }, ct), cancellationToken);
}
