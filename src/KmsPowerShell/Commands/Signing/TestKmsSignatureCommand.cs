using System.Management.Automation;
using KmsPowerShell.Engine.Signing;

namespace KmsPowerShell.Commands.Signing;

/// <summary>
/// Verifies a signature: $true or $false (an invalid signature is an answer, not an error). Online, KMS Verify decides;
/// with -Offline, the key's public key does, fetched once per key per session, with no call after that.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "KmsSignature", DefaultParameterSetName = LiteralPathSet)]
[OutputType(typeof(bool))]
public sealed class TestKmsSignatureCommand : KmsSignatureCmdlet
{
    private KmsPublicKey? _publicKey;

    /// <summary>The signature: bytes, or base64 text; a piped KmsSignature binds it by property name.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Base64Bytes]
    [ValidateNotNullOrEmpty]
    public byte[] Signature { get; set; } = [];

    /// <summary>Verifies with the public key here (RSA PKCS#1 v1.5 and PSS, ECDSA, Ed25519, ML-DSA, SM2DSA) instead of calling KMS Verify.</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    private protected override KeyFit? Fit()
    {
        if (!Offline) return DescribeOnce();
        var (publicKey, fetched) = Await(Signer.CachedPublicKeyAsync(Key, GrantTokens, CancellationToken));
        if (fetched) WriteVerbose($"Fetched the public key of {publicKey.KeyArn} for offline verification in this session.");
        _publicKey = publicKey;
        return KeyFit.Of(publicKey);
    }

    private protected override void Process(SignedContent content, string algorithm)
    {
        bool valid;
        if (_publicKey is { } publicKey)
        {
            valid = PublicKeyVerifier.Verify(publicKey, algorithm, content.MessageType, content.Bytes, Signature);
        }
        else
        {
            valid = Await(Signer.VerifyAsync(Key, content.Bytes, content.MessageType, algorithm, Signature, GrantTokens, CancellationToken));
        }
        WriteVerbose($"The {algorithm} signature of {content.Target} is {(valid ? "valid" : "not valid")} for {KeyId.Value}{(Offline ? " (verified offline)" : "")}.");
        WriteObject(valid);
    }
}
