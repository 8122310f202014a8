using System.Management.Automation;
using System.Text;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Commands.KeyMaterial;

/// <summary>
/// Gets the public key and import token for importing key material into a key with Origin EXTERNAL, for material
/// wrapped elsewhere (an HSM). -OutFile writes the public key as PEM and the import token beside it (the same name
/// with the extension .token), ready for Import-KmsKeyMaterial -EncryptedKeyMaterial -ImportToken.
/// </summary>
[Cmdlet(VerbsCommon.Get, "KmsImportParameter", SupportsShouldProcess = true)]
[OutputType(typeof(KmsImportParameters))]
public sealed class GetKmsImportParameterCommand : KmsKeyCmdlet
{
    /// <summary>How the material will be wrapped; by default as KMS takes the key's kind of material (see <see cref="KmsImportWrapping.DefaultAlgorithmFor"/>).</summary>
    [Parameter]
    [ValidateKmsName(KmsNameList.WrappingAlgorithm), ArgumentCompleter(typeof(WrappingAlgorithmCompleter))]
    public string? WrappingAlgorithm { get; set; }

    /// <summary>The spec of the wrapping public key; by default SM2 for SM2PKE, otherwise RSA_4096 (see <see cref="KmsImportWrapping.DefaultKeySpecFor"/>).</summary>
    [Parameter]
    [ValidateKmsName(KmsNameList.WrappingKeySpec), ArgumentCompleter(typeof(WrappingKeySpecCompleter))]
    public string? WrappingKeySpec { get; set; }

    /// <summary>Writes the public key as PEM to this file, and the import token to the same name with the extension .token.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrites existing output files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>With -OutFile, also writes the import parameters to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessKey(KmsKeyReference reference)
    {
        string? pemFile = null, tokenFile = null;
        if (OutFile is not null)
        {
            pemFile = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            tokenFile = TokenFileOf(pemFile);
            OutputFile.RequireWritable(pemFile, Force);
            OutputFile.RequireWritable(tokenFile, Force);
            if (!ShouldChange($"{pemFile}, {tokenFile}", $"Write the wrapping public key and import token of {reference.Value}", Force)) return;
        }
        var key = Describe(reference);
        var algorithm = WrappingAlgorithm?.ToUpperInvariant() ?? KmsImportWrapping.DefaultAlgorithmFor(key.KeySpec, key.Region);
        var wrappingKeySpec = WrappingKeySpec?.ToUpperInvariant() ?? KmsImportWrapping.DefaultKeySpecFor(algorithm);
        var parameters = Await(new KmsImportAdmin(ActiveSession).GetParametersAsync(RequestFor(key), algorithm, wrappingKeySpec, CancellationToken));
        if (pemFile is null || tokenFile is null)
        {
            WriteObject(parameters);
            return;
        }
        try
        {
            OutputFile.Write(pemFile, Encoding.ASCII.GetBytes(parameters.Pem + "\n"), Force);
            OutputFile.Write(tokenFile, parameters.ImportToken, Force);
            WriteVerbose($"Wrote the wrapping public key of {parameters.KeyArn} to {pemFile} and its import token to {tokenFile}; both are valid until {parameters.ParametersValidTo:F}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteKmsError(e, pemFile);
            return;
        }
        if (PassThru) WriteObject(parameters);
    }

    /// <summary>The import token's file: the PEM file's name with the extension .token (wrapping.pem: wrapping.token).</summary>
    internal static string TokenFileOf(string pemFile)
    {
        var token = Path.ChangeExtension(pemFile, ".token");
        return string.Equals(token, pemFile, StringComparison.Ordinal) ? pemFile + ".token" : token;
    }
}
