using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace KmsPowerShell.Engine.Errors;

/// <summary>Runs one SDK call and turns what the SDK throws into a KmsServiceException that keeps the SDK's exception inside.</summary>
internal static class KmsCall
{
    public const string EndpointUnreachable = "EndpointUnreachable";
    public const string RequestTimeout = "RequestTimeout";
    public const string CredentialsUnavailable = "CredentialsUnavailable";
    public const string EndpointRedirected = "EndpointRedirected";

    public static async Task<T> Run<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    internal static KmsServiceException? Translate(Exception e, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null;
            case AmazonServiceException service when service.StatusCode is >= HttpStatusCode.Ambiguous and < HttpStatusCode.BadRequest:
                return Redirected(service);
            case AmazonServiceException service when !string.IsNullOrEmpty(service.ErrorCode):
                return new KmsServiceException(service.ErrorCode, ServiceErrorText.For(service.ErrorCode, service.Message), (int)service.StatusCode, service.RequestId, service);
            case AmazonServiceException service when service.InnerException is HttpRequestException http:
                return Unreachable(http.Message, service);
            case AmazonServiceException service:
                return new KmsServiceException("ServiceError",
                    $"KMS answered HTTP {(int)service.StatusCode} ({service.StatusCode}) without an error code.", (int)service.StatusCode, service.RequestId, service);
            // The SDK unwraps HttpClient's timeout (a TaskCanceledException) into the TimeoutException inside it.
            case OperationCanceledException or TimeoutException:
                return new KmsServiceException(RequestTimeout, "KMS did not answer within the session's timeout.", 0, null, e);
            case HttpRequestException http:
                return Unreachable(http.Message, http);
            case AmazonClientException client when client.InnerException is HttpRequestException http:
                return Unreachable(http.Message, client);
            // An endpoint that closes the connection without answering: HttpClient throws an IOException (HttpIOException,
            // "The response ended prematurely"), which the SDK rethrows after its retries. Only SDK calls run here, so it is no file's.
            case IOException io:
                return Unreachable(io.Message, io);
            case AmazonClientException client:
                return new KmsServiceException("ClientError", client.Message, 0, null, client);
            default:
                return null;
        }
    }

    /// <summary>KMS never redirects, so a redirect is not followed (that would send the signed request elsewhere): it is this error.</summary>
    private static KmsServiceException Redirected(AmazonServiceException service)
    {
        var status = (int)service.StatusCode;
        var location = LocationOf(service) is { Length: > 0 } target ? $" to '{(target.Length > 300 ? target[..300] + "..." : target)}'" : " without a Location";
        return new KmsServiceException(EndpointRedirected,
            $"The KMS endpoint answered HTTP {status}, a redirect{location}: it was not followed, and the request was sent nowhere else.",
            status, service.RequestId, service);
    }

    private static string? LocationOf(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is HttpErrorResponseException { Response: { } response }) return response.GetHeaderValue("Location");
        }
        return null;
    }

    private static KmsServiceException Unreachable(string detail, Exception inner) =>
        new(EndpointUnreachable, $"The KMS endpoint could not be reached: {detail}", 0, null, inner);
}
