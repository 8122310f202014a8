using System.Text;
using System.Web;
using KmsPowerShell.LocalKms.Auth;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Sts;

/// <summary>
/// The local KMS's STS: answers STS's query protocol (a form-encoded POST with Action and Version=2011-06-15, signed
/// with SigV4 for the service "sts") for GetCallerIdentity and AssumeRole, in STS's XML, so that a session asks the
/// local KMS which account it is and for a role's credentials as it asks AWS.
/// </summary>
internal sealed class StsService
{
    private const string Version = "2011-06-15";
    private readonly SigV4Verifier _verifier;
    private readonly StsAssumeRole _assumeRole;

    public StsService(SigV4Verifier verifier, PrincipalDirectory principals, TimeProvider clock)
    {
        _verifier = verifier;
        _assumeRole = new StsAssumeRole(principals, clock);
    }

    /// <summary>Whether a request is in STS's protocol: a form, not a KMS call (which names its operation in X-Amz-Target).</summary>
    public static bool IsStsRequest(LocalKmsRequest request) =>
        !request.Headers.ContainsKey("X-Amz-Target") &&
        request.Headers.TryGetValue("Content-Type", out var type) &&
        type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public LocalKmsResponse Handle(LocalKmsRequest request, string requestId)
    {
        try
        {
            if (request.Method != "POST" || request.Path != "/") throw InvalidAction("");
            var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(request.Body));
            var caller = _verifier.Verify(request, "sts");
            var action = form["Action"] ?? "";
            if (form["Version"] != Version) throw InvalidAction(action);
            var result = action switch
            {
                "GetCallerIdentity" => StsResponses.CallerIdentity(caller.Principal),
                "AssumeRole" => StsResponses.AssumedRole(_assumeRole.Assume(caller, form)),
                _ => throw InvalidAction(action),
            };
            return StsResponses.Success(action, result, requestId);
        }
        catch (KmsErrorException error)
        {
            return StsResponses.Error(error, requestId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StsResponses.Error(KmsErrors.Internal(), requestId);
        }
    }

    private static KmsErrorException InvalidAction(string action) =>
        new("InvalidAction", $"Could not find operation {action} for version {Version}");
}
