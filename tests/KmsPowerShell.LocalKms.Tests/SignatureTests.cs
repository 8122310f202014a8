using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

public class SignatureTests
{
    [Fact]
    public async Task AnyCall_UnknownAccessKey_UnrecognizedClientException()
    {
        using var kms = new LocalKmsHarness();
        var stranger = new LocalKmsPrincipal("AKIASTRANGER00000001", "whatever", "arn:aws:iam::999999999999:user/x", "999999999999");
        var error = await KmsAssert.FailsWith("UnrecognizedClientException", () => kms.Client(principal: stranger).ListKeysAsync(new ListKeysRequest()));
        Assert.Equal("The security token included in the request is invalid.", error.Message);
    }

    [Fact]
    public async Task AnyCall_WrongSecret_InvalidSignatureException()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("InvalidSignatureException", () => kms.Client(secretOverride: "wrong").ListKeysAsync(new ListKeysRequest()));
        Assert.StartsWith("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key", error.Message);
    }

    [Fact]
    public async Task AnyCall_ClockSkewOver15Minutes_InvalidSignatureException()
    {
        var serverClock = new LocalKmsClock(DateTimeOffset.UtcNow.AddMinutes(20));
        using var kms = new LocalKmsHarness(signatureClock: serverClock);
        var error = await KmsAssert.FailsWith("InvalidSignatureException", () => kms.Client().ListKeysAsync(new ListKeysRequest()));
        Assert.StartsWith("Signature expired:", error.Message);
    }

    [Fact]
    public async Task HandleAsync_NoAuthorizationHeader_MissingAuthenticationToken()
    {
        using var service = new LocalKmsService();
        var headers = LocalKmsRequest.HeaderMap([KeyValuePair.Create("X-Amz-Target", "TrentService.ListKeys")]);
        var response = await service.HandleAsync(new LocalKmsRequest("POST", "/", "", headers, "{}"u8.ToArray()));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", System.Text.Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public async Task AnyCall_RequestScopedToAnotherRegion_ActsInThatRegion()
    {
        using var kms = new LocalKmsHarness();
        var key = await kms.CreateKeyAsync(kms.Client("ap-southeast-2"));
        Assert.StartsWith("arn:aws:kms:ap-southeast-2:111122223333:key/", key.Arn);
        Assert.Empty((await kms.Client("us-east-1").ListKeysAsync(new ListKeysRequest())).Keys ?? []);
    }
}
