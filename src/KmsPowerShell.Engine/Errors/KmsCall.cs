using Amazon.Runtime;

namespace KmsPowerShell.Engine.Errors;

/// <summary>Runs one SDK call and turns what the SDK throws into a KmsServiceException that keeps the SDK's exception inside.</summary>
internal static class KmsCall
{
    public const string EndpointUnreachable = "EndpointUnreachable";
    public const string RequestTimeout = "RequestTimeout";
    public const string CredentialsUnavailable = "CredentialsUnavailable";

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
            case AmazonServiceException service when !string.IsNullOrEmpty(service.ErrorCode):
                return new KmsServiceException(service.ErrorCode, ServiceErrorText.For(service.ErrorCode, service.Message), (int)service.StatusCode, service.RequestId, service);
            case AmazonServiceException service when service.InnerException is HttpRequestException http:
                return Unreachable(http.Message, service);
            case AmazonServiceException service:
                return new KmsServiceException("ServiceError",
                    $"KMS answered HTTP {(int)service.StatusCode} ({service.StatusCode}) without an error code.", (int)service.StatusCode, service.RequestId, service);
            case OperationCanceledException timeout:
                return new KmsServiceException(RequestTimeout, "KMS did not answer within the session's timeout.", 0, null, timeout);
            case HttpRequestException http:
                return Unreachable(http.Message, http);
            case AmazonClientException client when client.InnerException is HttpRequestException http:
                return Unreachable(http.Message, client);
            case AmazonClientException client:
                return new KmsServiceException("ClientError", client.Message, 0, null, client);
            default:
                return null;
        }
    }

    private static KmsServiceException Unreachable(string detail, Exception inner) =>
        new(EndpointUnreachable, $"The KMS endpoint could not be reached: {detail}", 0, null, inner);
}
