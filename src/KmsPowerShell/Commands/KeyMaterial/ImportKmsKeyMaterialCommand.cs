using System.Management.Automation;
using System.Security.Cryptography;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Commands.KeyMaterial;

/// <summary>
/// Imports key material into a key with Origin EXTERNAL in one command: gets the import parameters, wraps the material
/// locally with their public key, and imports it. Material wrapped elsewhere is imported with -EncryptedKeyMaterial
/// and -ImportToken. The plaintext material is zeroed after use and never written to errors or verbose output.
/// </summary>
[Cmdlet(VerbsData.Import, "KmsKeyMaterial", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(KmsKey))]
public sealed class ImportKmsKeyMaterialCommand : KmsKeyCmdlet
{
    private const string PathSet = "Path";
    private const string MaterialSet = "KeyMaterial";
    private const string WrappedSet = "Wrapped";
    private const string Expires = "KEY_MATERIAL_EXPIRES";
    private const string DoesNotExpire = "KEY_MATERIAL_DOES_NOT_EXPIRE";

    private string? _resolvedPath;
    private KeyMaterialImport? _import;

    /// <summary>A file of plaintext key material: raw bytes for symmetric and HMAC keys, a PKCS#8 private key (DER or PEM) for asymmetric keys.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The plaintext key material as bytes (a PKCS#8 private key for asymmetric keys).</summary>
    [Parameter(Mandatory = true, ParameterSetName = MaterialSet)]
    [ValidateNotNullOrEmpty]
    public byte[] KeyMaterial { get; set; } = [];

    /// <summary>Material already wrapped with the public key of Get-KmsImportParameter.</summary>
    [Parameter(Mandatory = true, ParameterSetName = WrappedSet)]
    [ValidateNotNullOrEmpty]
    public byte[] EncryptedKeyMaterial { get; set; } = [];

    /// <summary>The import token of the public key that wrapped -EncryptedKeyMaterial.</summary>
    [Parameter(Mandatory = true, ParameterSetName = WrappedSet)]
    [ValidateNotNullOrEmpty]
    public byte[] ImportToken { get; set; } = [];

    [Parameter(ParameterSetName = PathSet), Parameter(ParameterSetName = MaterialSet)]
    [ValidateKmsName(KmsNameList.WrappingAlgorithm), ArgumentCompleter(typeof(WrappingAlgorithmCompleter))]
    public string? WrappingAlgorithm { get; set; }

    /// <summary>The spec of the wrapping public key; by default SM2 for SM2PKE, otherwise RSA_4096.</summary>
    [Parameter(ParameterSetName = PathSet), Parameter(ParameterSetName = MaterialSet)]
    [ValidateKmsName(KmsNameList.WrappingKeySpec), ArgumentCompleter(typeof(WrappingKeySpecCompleter))]
    public string? WrappingKeySpec { get; set; }

    /// <summary>When the material expires; without it the material does not expire.</summary>
    [Parameter]
    public DateTime? ValidTo { get; set; }

    /// <summary>KEY_MATERIAL_EXPIRES (needs -ValidTo) or KEY_MATERIAL_DOES_NOT_EXPIRE; by default, decided by -ValidTo.</summary>
    [Parameter]
    [ValidateKmsName(KmsNameList.ExpirationModel), ArgumentCompleter(typeof(ExpirationModelCompleter))]
    public string? ExpirationModel { get; set; }

    /// <summary>NEW_KEY_MATERIAL (new material, for rotation) or EXISTING_KEY_MATERIAL (re-import); KMS's default when omitted.</summary>
    [Parameter]
    [ValidateKmsName(KmsNameList.ImportType), ArgumentCompleter(typeof(ImportTypeCompleter))]
    public string? ImportType { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyMaterialDescription { get; set; }

    /// <summary>The id of the material to re-import (EXISTING_KEY_MATERIAL).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyMaterialId { get; set; }

    /// <summary>Writes the key, as it is after the import, to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        var model = ExpirationModel?.ToUpperInvariant() ?? (ValidTo is null ? DoesNotExpire : Expires);
        if (model == Expires && ValidTo is null)
        {
            ThrowInvocationError(new KmsArgumentException("ValidToMissing", "-ExpirationModel KEY_MATERIAL_EXPIRES needs -ValidTo, the date the material expires."), ExpirationModel);
        }
        if (model == DoesNotExpire && ValidTo is not null)
        {
            ThrowInvocationError(new KmsArgumentException("ValidToNotAllowed", "-ValidTo gives an expiry, which -ExpirationModel KEY_MATERIAL_DOES_NOT_EXPIRE refuses: omit one of them."), ValidTo);
        }
        _import = new KeyMaterialImport(model, ValidTo is { } date ? new DateTimeOffset(date) : null, ImportType?.ToUpperInvariant(), KeyMaterialDescription, KeyMaterialId);
        if (ParameterSetName == PathSet)
        {
            _resolvedPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(_resolvedPath)) ThrowInvocationError(new FileNotFoundException($"The key material file {_resolvedPath} does not exist."), _resolvedPath);
        }
    }

    protected override void ProcessKey(KmsKeyReference reference)
    {
        var key = Describe(reference);
        var expiry = _import!.ValidTo is { } validTo ? $", valid until {validTo.LocalDateTime:F}" : ", not expiring";
        var algorithm = WrappingAlgorithm?.ToUpperInvariant() ?? KmsImportWrapping.DefaultAlgorithmFor(key.KeySpec, key.Region);
        var wrappingKeySpec = WrappingKeySpec?.ToUpperInvariant() ?? KmsImportWrapping.DefaultKeySpecFor(algorithm);
        var how = ParameterSetName == WrappedSet ? "material wrapped elsewhere" : $"{KeyMaterialSource()} wrapped with {algorithm} ({wrappingKeySpec})";
        if (!ShouldProcess(NameOf(key), $"Import key material: {how}{expiry}")) return;
        var admin = new KmsImportAdmin(ActiveSession);
        var materialId = ParameterSetName == WrappedSet
            ? Await(admin.ImportAsync(RequestFor(key), EncryptedKeyMaterial, ImportToken, _import, CancellationToken))
            : WrapAndImport(admin, key, algorithm, wrappingKeySpec);
        WriteVerbose($"Imported key material{(materialId.Length > 0 ? $" {materialId}" : "")} into {NameOf(key)}.");
        if (PassThru) WriteObject(Await(Reader.GetAsync(RequestFor(key), CancellationToken)));
    }

    private string KeyMaterialSource() => ParameterSetName == PathSet ? $"the material in {_resolvedPath}" : "the material given";

    private string WrapAndImport(KmsImportAdmin admin, KmsKey key, string algorithm, string wrappingKeySpec)
    {
        var given = ParameterSetName == PathSet ? File.ReadAllBytes(_resolvedPath!) : KeyMaterial;
        byte[]? material = null;
        try
        {
            material = KeyMaterialFile.ToImportable(given, key.KeySpec);
            return Await(admin.WrapAndImportAsync(RequestFor(key), material, algorithm, wrappingKeySpec, _import!, CancellationToken));
        }
        catch (CryptographicException)
        {
            // The exception's own text may quote the input; say only what was wrong.
            throw new KmsArgumentException("KeyMaterialInvalid", $"The key material is not a private key that can be read for the {key.KeySpec} key {NameOf(key)}.");
        }
        finally
        {
            if (material is not null) CryptographicOperations.ZeroMemory(material);
            if (ParameterSetName == PathSet) CryptographicOperations.ZeroMemory(given);
        }
    }
}
