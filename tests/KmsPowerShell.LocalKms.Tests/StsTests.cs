using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using KmsPowerShell.LocalKms.Http;
using KmsPowerShell.Engine.Session;
using KmsPowerShell.LocalKms.Sts;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>The local KMS's STS (GetCallerIdentity, AssumeRole) through the real AWSSDK.SecurityToken client, awscli and boto3.</summary>
public sealed class StsTests : IDisposable
{
    private const string RoleArn = "arn:aws:iam::444455556666:role/ops/Auditor";
    private static readonly LocalKmsPrincipal Role = new("AKIAAUDITORROLE00001", "auditor-role-secret", RoleArn, "444455556666")
    {
        IdentityPolicies = ["""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"""],
    };

    // Not a constant: the SDK's analyzer refuses a constant below 900, and the answer to one is under test.
    private static readonly int TooShort = 899;

    private readonly LocalKmsHarness _kms = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("localkms-sts-").FullName;

    public StsTests() => _kms.Service.AddPrincipal(Role);

    public void Dispose()
    {
        _kms.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task GetCallerIdentity_InProcess_SaysWhoSigned()
    {
        using var sts = Sts(new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey));

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal(LocalKmsPrincipal.DefaultPrincipalArn, identity.Arn);
        Assert.Equal(LocalKmsPrincipal.DefaultAccount, identity.Account);
        Assert.Matches("^AIDA[A-Z2-7]{17}$", identity.UserId);
    }

    [Fact]
    public async Task AssumeRole_GivesCredentialsThatSignAsTheRoleSession_WithTheirTokenOnly_UntilTheyExpire()
    {
        using var sts = Sts(new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey));

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "audit-1", ExternalId = "not-checked", DurationSeconds = 900 });

        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Auditor/audit-1", assumed.AssumedRoleUser.Arn);
        Assert.Matches("^AROA[A-Z2-7]{17}:audit-1$", assumed.AssumedRoleUser.AssumedRoleId);
        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId);
        Assert.Equal(_kms.Clock.GetUtcNow().AddSeconds(900), new DateTimeOffset(assumed.Credentials.Expiration!.Value.ToUniversalTime()));
        var credentials = new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);

        using var asRole = Sts(credentials);
        var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(assumed.AssumedRoleUser.Arn, identity.Arn);
        Assert.Equal(assumed.AssumedRoleUser.AssumedRoleId, identity.UserId);
        Assert.Equal("444455556666", identity.Account);
        var key = await _kms.CreateKeyAsync(Kms(credentials));
        Assert.Equal("444455556666", key.AWSAccountId);

        var tokenless = new BasicAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey);
        var invalid = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => Sts(tokenless).GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("InvalidClientTokenId", invalid.ErrorCode);
        Assert.Equal("The security token included in the request is invalid.", invalid.Message);
        await Assert.ThrowsAsync<AmazonKeyManagementServiceException>(() => Kms(tokenless).ListKeysAsync(new ListKeysRequest()));

        _kms.Clock.Advance(TimeSpan.FromSeconds(900));
        var expired = await Assert.ThrowsAsync<AmazonKeyManagementServiceException>(() => Kms(credentials).ListKeysAsync(new ListKeysRequest()));
        Assert.Equal("ExpiredTokenException", expired.ErrorCode);
        var stsExpired = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("ExpiredToken", stsExpired.ErrorCode);
    }

    [Fact]
    public async Task RoleSession_HasTheRolesPoliciesOfTheMoment_AndEndsWithTheRole()
    {
        using var sts = Sts(new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey));
        var assumed = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "changing" })).Credentials;
        var credentials = new SessionAWSCredentials(assumed.AccessKeyId, assumed.SecretAccessKey, assumed.SessionToken);
        await _kms.CreateKeyAsync(Kms(credentials));

        _kms.Service.AddPrincipal(Role with { IdentityPolicies = [] }, replace: true);
        var denied = await Assert.ThrowsAsync<AmazonKeyManagementServiceException>(() => _kms.CreateKeyAsync(Kms(credentials)));
        Assert.Equal("AccessDeniedException", denied.ErrorCode);

        Assert.True(_kms.Service.RemovePrincipal(RoleArn));
        var gone = await Assert.ThrowsAsync<AmazonKeyManagementServiceException>(() => Kms(credentials).ListKeysAsync(new ListKeysRequest()));
        Assert.Equal("UnrecognizedClientException", gone.ErrorCode);
    }

    [Fact]
    public async Task AssumeRole_WithoutPermissionOrRoleOrValidInput_AnswersAsSts()
    {
        using var asB = Sts(new BasicAWSCredentials(LocalKmsHarness.PrincipalB.AccessKeyId, LocalKmsHarness.PrincipalB.SecretAccessKey));
        using var asAdmin = Sts(new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey));

        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            asB.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "s1" }));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(ErrorType.Sender, denied.ErrorType);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal($"User: {LocalKmsHarness.PrincipalB.PrincipalArn} is not authorized to perform: sts:AssumeRole on resource: {RoleArn}", denied.Message);

        var unknown = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            asAdmin.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::444455556666:role/Nobody", RoleSessionName = "s1" }));
        Assert.Equal("AccessDenied", unknown.ErrorCode);

        var tooShort = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            asAdmin.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "s1", DurationSeconds = TooShort }));
        Assert.Equal("ValidationError", tooShort.ErrorCode);
        Assert.Equal("1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
            tooShort.Message);
    }

    [Fact]
    public async Task Sts_OverHttp_AnswersTheSdkAndRefusesAKmsScopedSignature()
    {
        await using var server = new LocalKmsServer(_kms.Service);
        server.Start();
        var credentials = new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey);
        using var sts = new AmazonSecurityTokenServiceClient(credentials,
            new AmazonSecurityTokenServiceConfig { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 });

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(LocalKmsPrincipal.DefaultPrincipalArn, identity.Arn);
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "over-http" });
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Auditor/over-http", assumed.AssumedRoleUser.Arn);

        using var kmsScoped = new AmazonSecurityTokenServiceClient(credentials,
            new AmazonSecurityTokenServiceConfig { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = "eu-west-1", AuthenticationServiceName = "kms", MaxErrorRetry = 0 });
        var wrongScope = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => kmsScoped.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("SignatureDoesNotMatch", wrongScope.ErrorCode);
        Assert.StartsWith("Credential should be scoped to correct service: 'sts'.", wrongScope.Message);
    }

    /// <summary>STS's XML as the STS API reference's GetCallerIdentity example and AWS's recorded error answers have it.</summary>
    [Fact]
    public async Task Sts_AnswersAwssXmlShapes()
    {
        var success = StsResponses.Success("GetCallerIdentity", StsResponses.CallerIdentity(LocalKmsHarness.PrincipalB), "01234567-89ab-cdef-0123-456789abcdef");
        Assert.Equal($"""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::444455556666:user/b</Arn>
                <UserId>{StsIdentifiers.UserId("arn:aws:iam::444455556666:user/b")}</UserId>
                <Account>444455556666</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>

            """.ReplaceLineEndings("\r\n"), System.Text.Encoding.UTF8.GetString(success.Body).ReplaceLineEndings("\r\n"));

        var form = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8" };
        var unsigned = await _kms.Service.HandleAsync(new LocalKmsRequest("POST", "/", "", form, "Action=GetCallerIdentity&Version=2011-06-15"u8.ToArray()));
        Assert.Equal(403, unsigned.StatusCode);
        Assert.Equal("text/xml", unsigned.Headers["Content-Type"]);
        var requestId = unsigned.Headers["x-amzn-RequestId"];
        Assert.Equal($"""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error>
                <Type>Sender</Type>
                <Code>MissingAuthenticationToken</Code>
                <Message>Request is missing Authentication Token</Message>
              </Error>
              <RequestId>{requestId}</RequestId>
            </ErrorResponse>

            """.ReplaceLineEndings("\r\n"), System.Text.Encoding.UTF8.GetString(unsigned.Body).ReplaceLineEndings("\r\n"));
    }

    [AwsCliFact]
    public async Task AwsCli_GetCallerIdentity_AgainstTheServer()
    {
        await using var server = new LocalKmsServer(_kms.Service);
        server.Start();

        var identity = JsonDocument.Parse(await new AwsCli(server.Endpoint, _directory).RunAsync("sts", "get-caller-identity")).RootElement;

        Assert.Equal(LocalKmsPrincipal.DefaultPrincipalArn, identity.GetProperty("Arn").GetString());
        Assert.Equal(LocalKmsPrincipal.DefaultAccount, identity.GetProperty("Account").GetString());
    }

    [Boto3Fact]
    public async Task Boto3_AssumeRole_ThenKmsAsTheRoleSession()
    {
        await using var server = new LocalKmsServer(_kms.Service);
        server.Start();
        const string script = """
            import json, os, sys, boto3
            endpoint = os.environ["KMS_ENDPOINT"]
            sts = boto3.client("sts", endpoint_url=endpoint, aws_access_key_id=sys.argv[1], aws_secret_access_key=sys.argv[2])
            creds = sts.assume_role(RoleArn=sys.argv[3], RoleSessionName="boto3", ExternalId="any")["Credentials"]
            session = dict(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
            who = boto3.client("sts", endpoint_url=endpoint, **session).get_caller_identity()
            key = boto3.client("kms", endpoint_url=endpoint, **session).create_key()["KeyMetadata"]
            print(json.dumps({"Arn": who["Arn"], "KeyAccount": key["AWSAccountId"]}))
            """;

        var result = await Boto3.RunAsync(server.Endpoint, _directory, script, LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey, RoleArn);

        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Auditor/boto3", result.GetProperty("Arn").GetString());
        Assert.Equal("444455556666", result.GetProperty("KeyAccount").GetString());
    }

    private AmazonSecurityTokenServiceClient Sts(AWSCredentials credentials) => _kms.StsClient(credentials);

    private AmazonKeyManagementServiceClient Kms(AWSCredentials credentials) => _kms.Client(credentials);
}
