using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.KeyAgreement;

/// <summary>
/// ECDH between a KEY_AGREEMENT key (NIST P curves, SM2) and a peer's public key. Recipient (a Nitro attestation
/// document) is refused: the local KMS cannot verify AWS's attestation signatures, so it never pretends to.
/// The texts of the peer-key errors are the local KMS's own: AWS's are not published.
/// </summary>
internal sealed class DeriveSharedSecretOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var algorithm = request.Enum("KeyAgreementAlgorithm", KmsAlgorithms.KeyAgreement, required: true) ?? "";
        var publicKey = request.Blob("PublicKey", 1, 8192, required: true) ?? [];
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        var recipient = request.Object("Recipient");
        request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);

        var key = KeyGuard.UsableKey(context, keyId, Name, KmsKeyUsages.KeyAgreement, algorithm, static (spec, usage) => spec.KeyAgreementAlgorithms(usage));
        if (recipient is not null)
        {
            throw KmsErrors.Unsupported("The local KMS cannot verify Nitro Enclaves or NitroTPM attestation documents: DeriveSharedSecret with Recipient needs AWS KMS.");
        }
        byte[] secret;
        try
        {
            secret = EcdhAgreement.Derive(key.CurrentMaterial, publicKey);
        }
        catch (PeerKeyException e)
        {
            throw KmsErrors.Validation(e.Problem switch
            {
                PeerKeyProblem.OtherCurve => $"The public key is not on the curve of key spec {key.KeySpec}: both key pairs must use the same curve.",
                PeerKeyProblem.NotElliptic => "The public key is not an elliptic curve public key.",
                _ => "The public key is not a valid DER-encoded SubjectPublicKeyInfo (RFC 5280) elliptic curve public key.",
            });
        }
        if (dryRun)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
            throw KmsErrors.DryRun();
        }
        return new JsonObject
        {
            ["KeyId"] = key.Arn,
            ["SharedSecret"] = KmsJson.SecretBlob(secret),
            ["KeyAgreementAlgorithm"] = algorithm,
            ["KeyOrigin"] = key.Origin,
        };
    }
}
