using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Imported key material (BYOK): the import parameters, the import, and deleting imported material.</summary>
public sealed class KmsImportAdmin
{
    private readonly KmsClientPool _clients;

    public KmsImportAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    public async Task<KmsImportParameters> GetParametersAsync(KeyRequest key, string wrappingAlgorithm, string wrappingKeySpec, CancellationToken cancellationToken)
    {
        var request = new GetParametersForImportRequest { KeyId = key.KeyId, WrappingAlgorithm = wrappingAlgorithm, WrappingKeySpec = wrappingKeySpec };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.GetParametersForImportAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new KmsImportParameters(response.KeyId, key.Region, wrappingAlgorithm, wrappingKeySpec,
            response.PublicKey?.ToArray() ?? [], response.ImportToken?.ToArray() ?? [])
        {
            ParametersValidTo = response.ParametersValidTo?.ToLocalTime(),
        };
    }

    /// <summary>
    /// The whole import: asks for import parameters, wraps <paramref name="material"/> locally with their public key,
    /// and imports it; returns the material's id. The caller zeroes <paramref name="material"/>.
    /// </summary>
    public async Task<string> WrapAndImportAsync(KeyRequest key, byte[] material, string wrappingAlgorithm, string wrappingKeySpec,
        KeyMaterialImport import, CancellationToken cancellationToken)
    {
        var parameters = await GetParametersAsync(key, wrappingAlgorithm, wrappingKeySpec, cancellationToken).ConfigureAwait(false);
        var wrapped = KeyMaterialWrapping.Wrap(material, parameters.PublicKey, wrappingAlgorithm);
        return await ImportAsync(key, wrapped, parameters.ImportToken, import, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports material wrapped with the public key that goes with <paramref name="importToken"/>; returns the material's id (empty when KMS gives none).</summary>
    public async Task<string> ImportAsync(KeyRequest key, byte[] encryptedKeyMaterial, byte[] importToken, KeyMaterialImport import, CancellationToken cancellationToken)
    {
        var request = new ImportKeyMaterialRequest
        {
            KeyId = key.KeyId,
            EncryptedKeyMaterial = new MemoryStream(encryptedKeyMaterial),
            ImportToken = new MemoryStream(importToken),
            ExpirationModel = import.ExpirationModel,
            ValidTo = import.ValidTo?.UtcDateTime,
            ImportType = import.ImportType,
            KeyMaterialDescription = import.KeyMaterialDescription,
            KeyMaterialId = import.KeyMaterialId,
        };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.ImportKeyMaterialAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.KeyMaterialId ?? "";
    }

    /// <summary>Deletes imported key material (the current material unless <paramref name="keyMaterialId"/> names one).</summary>
    public Task DeleteAsync(KeyRequest key, string? keyMaterialId, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region,
            (c, ct) => c.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId, KeyMaterialId = keyMaterialId }, ct), cancellationToken);
}
