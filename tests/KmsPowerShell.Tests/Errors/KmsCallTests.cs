using System.Net;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsPowerShell.Engine.Errors;

namespace KmsPowerShell.Tests.Errors;

public class KmsCallTests
{
    [Fact]
    public async Task Run_ServiceError_KeepsCodeStatusAndInnerException()
    {
        var sdk = new NotFoundException("Key 'arn:aws:kms:us-east-1:111122223333:key/x' does not exist")
        {
            ErrorCode = "NotFoundException",
            StatusCode = HttpStatusCode.BadRequest,
            RequestId = "req-1",
        };
        var error = await Assert.ThrowsAsync<KmsServiceException>(() => KmsCall.Run<int>(_ => throw sdk, CancellationToken.None));
        Assert.Equal("NotFoundException", error.ErrorCode);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("req-1", error.RequestId);
        Assert.Same(sdk, error.InnerException);
    }

    [Fact]
    public async Task Run_ConnectionRefused_IsEndpointUnreachable()
    {
        var sdk = new AmazonServiceException("send failed", new HttpRequestException("Connection refused (127.0.0.1:1)"));
        var error = await Assert.ThrowsAsync<KmsServiceException>(() => KmsCall.Run<int>(_ => throw sdk, CancellationToken.None));
        Assert.Equal(KmsCall.EndpointUnreachable, error.ErrorCode);
        Assert.Contains("Connection refused", error.Message);
        Assert.Same(sdk, error.InnerException);
    }

    [Fact]
    public async Task Run_ConnectionClosedWithoutAnswer_IsEndpointUnreachable()
    {
        var dropped = new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely. (ResponseEnded)");
        var error = await Assert.ThrowsAsync<KmsServiceException>(() => KmsCall.Run<int>(_ => throw dropped, CancellationToken.None));
        Assert.Equal(KmsCall.EndpointUnreachable, error.ErrorCode);
        Assert.Contains("ended prematurely", error.Message);
        Assert.Same(dropped, error.InnerException);
    }

    [Fact]
    public async Task Run_TimeoutWithoutCancellation_IsRequestTimeout()
    {
        var error = await Assert.ThrowsAsync<KmsServiceException>(() => KmsCall.Run<int>(_ => throw new TaskCanceledException(), CancellationToken.None));
        Assert.Equal(KmsCall.RequestTimeout, error.ErrorCode);
    }

    [Fact]
    public async Task Run_HttpClientTimeoutUnwrappedBySdk_IsRequestTimeout()
    {
        var error = await Assert.ThrowsAsync<KmsServiceException>(() => KmsCall.Run<int>(_ => throw new TimeoutException("The operation was canceled."), CancellationToken.None));
        Assert.Equal(KmsCall.RequestTimeout, error.ErrorCode);
    }

    [Fact]
    public async Task Run_CancelledByCaller_StaysCancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => KmsCall.Run<int>(ct => Task.FromCanceled<int>(ct), cts.Token));
    }

    [Fact]
    public async Task Run_Bug_IsNotDisguised()
    {
        await Assert.ThrowsAsync<NullReferenceException>(() => KmsCall.Run<int>(_ => throw new NullReferenceException(), CancellationToken.None));
    }

    [Theory]
    [InlineData("InvalidCiphertextException", "encrypted under another key")]
    [InlineData("KMSInvalidMacException", "MAC does not match")]
    [InlineData("SomeFutureException", "SomeFutureException")]
    public async Task Run_ErrorWithoutMessage_SaysWhatItMeansNotTheSdkWrapper(string code, string meaning)
    {
        var sdk = new AmazonServiceException($"The service returned an error with Error Code {code} and HTTP Body: {{\"__type\":\"{code}\"}}")
        {
            ErrorCode = code,
            StatusCode = HttpStatusCode.BadRequest,
        };
        var error = await Assert.ThrowsAsync<KmsServiceException>(() => KmsCall.Run<int>(_ => throw sdk, CancellationToken.None));
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(meaning, error.Message);
        Assert.DoesNotContain("HTTP Body", error.Message);
        Assert.Same(sdk, error.InnerException);
    }
}
