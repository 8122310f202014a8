using System.Management.Automation;
using System.Security;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>How the key store cmdlets read what users give: a certificate as text or a file, secrets as SecureString or PSCredential.</summary>
internal static class CustomKeyStoreInputs
{
    /// <summary>PEM text as given, or the text of the file it names.</summary>
    public static string? TrustAnchor(PSCmdlet cmdlet, string? certificate)
    {
        if (certificate is null || certificate.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)) return certificate;
        var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(certificate);
        if (!File.Exists(path))
        {
            throw new KmsArgumentException("TrustAnchorCertificateNotFound",
                $"-TrustAnchorCertificate takes the PEM text of the certificate or the path of its file; '{certificate}' is neither.");
        }
        return File.ReadAllText(path);
    }

    public static string? Password(SecureString? password) => password is null ? null : SecretValue.ToRequestString(password);

    /// <summary>The credential's user name is the proxy's access key id, its password the secret access key.</summary>
    public static (string? AccessKeyId, string? SecretAccessKey) ProxyCredential(PSCredential? credential) =>
        credential is null ? (null, null) : (credential.UserName, SecretValue.ToRequestString(credential.Password));
}
