using System.Management.Automation;
using KmsPowerShell.Engine.Agreement;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Commands.Agreement;

/// <summary>
/// Derives the ECDH shared secret of a KEY_AGREEMENT KMS key and a peer's public key (KMS DeriveSharedSecret): the
/// peer's key as DER or PEM bytes, a file as openssl writes it, or another KMS key's public key.
/// </summary>
[Cmdlet(VerbsCommon.Get, "KmsSharedSecret", DefaultParameterSetName = BytesSet)]
[OutputType(typeof(KmsSharedSecret))]
public sealed class GetKmsSharedSecretCommand : KmsSharedSecretCmdlet
{
    private const string BytesSet = "PublicKey";
    private const string PathSet = "PublicKeyPath";
    private const string PeerSet = "PeerKeyId";

    /// <summary>The peer's public key: DER SubjectPublicKeyInfo or PEM (PUBLIC KEY) bytes, or PEM text.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = BytesSet)]
    [ValidateNotNull]
    public object PublicKey { get; set; } = null!;

    /// <summary>A file holding the peer's public key, PEM or DER (openssl pkey -pubout, Get-KmsPublicKey -OutFile).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string PublicKeyPath { get; set; } = null!;

    /// <summary>Another KMS key whose public key is the peer's: its key id, ARN or alias (fetched with GetPublicKey).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PeerSet)]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference PeerKeyId { get; set; } = null!;

    protected override void Process()
    {
        var fit = CheckedKey(KmsKeyUsages.KeyAgreement);
        var peer = PeerPublicKey.ToDer(PeerKeyBytes());
        if (fit is not null) PeerPublicKey.RequireCurveOf(peer, fit.KeySpec);
        var key = Key;
        var result = Await(Secrets.DeriveAsync(key, peer, GrantTokens, CancellationToken));
        var (secure, bytes) = Hand(result.Secret);
        WriteVerbose($"Derived a {result.Secret.Length}-byte {result.Algorithm} shared secret with {result.KeyArn}.");
        WriteObject(new KmsSharedSecret(result.KeyArn, key.Region, result.Algorithm)
        {
            KeyOrigin = result.KeyOrigin, SharedSecret = secure, SharedSecretBytes = bytes,
        });
    }

    private byte[] PeerKeyBytes()
    {
        switch (ParameterSetName)
        {
            case PathSet:
                var path = FilePaths.Resolve(this, PublicKeyPath, literal: true)[0];
                return File.ReadAllBytes(path);
            case PeerSet:
                var peerKey = PeerKeyId.Key is { } piped ? KeyRequest.For(piped.Arn, piped.Region) : KeyRequest.For(PeerKeyId.Value, RegionOrDefault(Region));
                return Await(Signer.CachedPublicKeyAsync(peerKey, [], CancellationToken)).Key.PublicKey;
            default:
                return (PublicKey is PSObject wrapped ? wrapped.BaseObject : PublicKey) switch
                {
                    byte[] bytes => bytes,
                    string text => System.Text.Encoding.ASCII.GetBytes(text),
                    KmsPublicKey publicKey => publicKey.PublicKey,
                    var other => throw new KmsArgumentException("PublicKeyInvalid",
                        $"-PublicKey takes DER or PEM bytes, PEM text or a KmsPublicKey, not {other.GetType().Name}."),
                };
        }
    }
}
