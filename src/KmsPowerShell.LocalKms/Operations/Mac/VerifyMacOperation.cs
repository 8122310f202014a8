using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Mac;

/// <summary>Recomputes the MAC and compares in fixed time; a mismatch is KMSInvalidMacException, as AWS answers it.</summary>
internal sealed class VerifyMacOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = MacRequest.Read(context, Name, withMac: true);
        if (!CryptographicOperations.FixedTimeEquals(request.Compute(), request.Mac ?? [])) throw KmsErrors.KmsInvalidMac();
        return new JsonObject
        {
            ["KeyId"] = request.Key.Arn,
            ["MacValid"] = true,
            ["MacAlgorithm"] = request.Algorithm,
        };
    }
}
