using System.Globalization;
using System.Text;
using System.Xml.Linq;
using KmsPowerShell.LocalKms.Auth;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Sts;

/// <summary>STS's XML answers: ActionResponse/ActionResult with ResponseMetadata/RequestId, and ErrorResponse/Error.</summary>
internal static class StsResponses
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    // The local KMS's codes of errors every service shares, as STS's query protocol names them (and words them, when
    // its words differ from KMS's).
    private static readonly Dictionary<string, (string Code, int Status, string? Message)> StsCodes = new(StringComparer.Ordinal)
    {
        ["UnrecognizedClientException"] = ("InvalidClientTokenId", 403, null),
        ["InvalidSignatureException"] = ("SignatureDoesNotMatch", 403, null),
        ["IncompleteSignatureException"] = ("IncompleteSignature", 400, null),
        ["MissingAuthenticationTokenException"] = ("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
        ["ExpiredTokenException"] = ("ExpiredToken", 400, null),
        ["AccessDeniedException"] = ("AccessDenied", 403, null),
        ["ValidationException"] = ("ValidationError", 400, null),
        ["KMSInternalException"] = ("InternalFailure", 500, null),
    };

    public static XElement[] CallerIdentity(LocalKmsPrincipal principal) =>
    [
        Element("Arn", principal.PrincipalArn),
        Element("UserId", StsIdentifiers.UserId(principal.PrincipalArn)),
        Element("Account", principal.Account),
    ];

    public static XElement[] AssumedRole(SessionCredential session)
    {
        var principal = session.Principal;
        return
        [
            new XElement(Ns + "AssumedRoleUser",
                Element("Arn", principal.PrincipalArn),
                Element("AssumedRoleId", StsIdentifiers.UserId(principal.PrincipalArn))),
            new XElement(Ns + "Credentials",
                Element("AccessKeyId", principal.AccessKeyId),
                Element("SecretAccessKey", principal.SecretAccessKey),
                Element("SessionToken", session.SessionToken),
                Element("Expiration", session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
        ];
    }

    public static LocalKmsResponse Success(string action, XElement[] result, string requestId) =>
        Response(200, new XElement(Ns + $"{action}Response",
            new XElement(Ns + $"{action}Result", result),
            new XElement(Ns + "ResponseMetadata", Element("RequestId", requestId))), requestId);

    public static LocalKmsResponse Error(KmsErrorException error, string requestId)
    {
        var (code, status, message) = StsCodes.TryGetValue(error.Code, out var mapped) ? mapped : (error.Code, error.StatusCode, null);
        var body = new XElement(Ns + "ErrorResponse",
            new XElement(Ns + "Error",
                Element("Type", status >= 500 ? "Receiver" : "Sender"),
                Element("Code", code),
                Element("Message", message ?? error.KmsMessage ?? code)),
            Element("RequestId", requestId));
        return Response(status, body, requestId);
    }

    private static XElement Element(string name, string value) => new(Ns + name, value);

    private static LocalKmsResponse Response(int status, XElement body, string requestId) =>
        new(status, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "text/xml",
            ["x-amzn-RequestId"] = requestId,
        }, Encoding.UTF8.GetBytes(body + "\n"));
}
