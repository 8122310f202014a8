using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.KeyEncapsulation;

/// <summary>
/// The shared secret of an ML-KEM ciphertext. Only a ciphertext of the wrong length for the key spec is
/// InvalidCiphertextException; any other ciphertext gives a 32-byte secret (implicit rejection), as AWS documents.
/// </summary>
internal sealed class DecapsulateOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = EncapsulationRequest.Read(context, Name, withCiphertext: true);
        var ciphertext = request.Ciphertext ?? [];
        if (ciphertext.Length != request.MlKem.CiphertextBytes) throw KmsErrors.InvalidCiphertext();
        if (request.DryRun) throw KmsErrors.DryRun();
        return new JsonObject
        {
            ["KeyId"] = request.Key.Arn,
            ["SharedSecret"] = KmsJson.SecretBlob(request.MlKem.Decapsulate(ciphertext)),
            ["EncapsulationAlgorithm"] = request.Algorithm,
        };
    }
}
