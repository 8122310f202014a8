using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Signing;

/// <summary>Verifies with the KMS key; an invalid signature is KMSInvalidSignatureException, as AWS answers it.</summary>
internal sealed class VerifyOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = SignatureRequest.Read(context, Name, withSignature: true);
        using var key = request.LoadKey();
        if (!key.Verify(request.Algorithm, request.MessageType, request.Message, request.Signature ?? [])) throw KmsErrors.KmsInvalidSignature();
        return new JsonObject
        {
            ["KeyId"] = request.Key.Arn,
            ["SignatureValid"] = true,
            ["SigningAlgorithm"] = request.Algorithm,
        };
    }
}
