using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>boto3, an independent client, sees the local KMS decide access from a key policy with AWS's errors.</summary>
public sealed class Boto3PolicyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kmsps-boto3-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private const string Script = """
        import json, os, sys
        import boto3
        from botocore.exceptions import ClientError

        def client(access_key, secret):
            return boto3.client("kms", endpoint_url=os.environ["KMS_ENDPOINT"], region_name="us-east-1",
                                aws_access_key_id=access_key, aws_secret_access_key=secret)

        def error(call):
            try:
                call()
                return None
            except ClientError as e:
                return {"Code": e.response["Error"]["Code"], "Message": e.response["Error"]["Message"],
                        "Status": e.response["ResponseMetadata"]["HTTPStatusCode"]}

        admin = client(sys.argv[1], sys.argv[2])
        app = client(sys.argv[3], sys.argv[4])
        role = sys.argv[5]
        policy = {"Version": "2012-10-17", "Statement": [
            {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": "Billing decrypts", "Effect": "Allow", "Principal": {"AWS": role}, "Action": "kms:Decrypt", "Resource": "*",
             "Condition": {"StringEquals": {"kms:EncryptionContext:app": "billing"}}}]}
        key = admin.create_key(Policy=json.dumps(policy))["KeyMetadata"]
        billing = admin.encrypt(KeyId=key["KeyId"], Plaintext=b"invoice", EncryptionContext={"app": "billing"})["CiphertextBlob"]
        payroll = admin.encrypt(KeyId=key["KeyId"], Plaintext=b"salary", EncryptionContext={"app": "payroll"})["CiphertextBlob"]
        lockout = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": role}, "Action": "kms:*", "Resource": "*"}]}
        print(json.dumps({
            "KeyArn": key["Arn"],
            "Billing": app.decrypt(CiphertextBlob=billing, EncryptionContext={"app": "billing"})["Plaintext"].decode(),
            "Payroll": error(lambda: app.decrypt(CiphertextBlob=payroll, EncryptionContext={"app": "payroll"})),
            "Lockout": error(lambda: admin.put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=json.dumps(lockout))),
        }))
        """;

    [Boto3Fact]
    public async Task Boto3_KeyPolicyConditionAndLockout_AnswerAsAws()
    {
        using var service = new LocalKmsService();
        const string Role = "arn:aws:iam::111122223333:role/billing-app";
        var app = new LocalKmsPrincipal("AKIABILLINGAPP000001", "billing-app-secret", Role, LocalKmsPrincipal.DefaultAccount);
        service.AddPrincipal(app);
        await using var server = new LocalKmsServer(service);
        server.Start();

        var result = await Boto3.RunAsync(server.Endpoint, _directory, Script,
            LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey, app.AccessKeyId, app.SecretAccessKey, Role);

        Assert.Equal("invoice", result.GetProperty("Billing").GetString());
        var payroll = result.GetProperty("Payroll");
        Assert.Equal("AccessDeniedException", payroll.GetProperty("Code").GetString());
        Assert.Equal(400, payroll.GetProperty("Status").GetInt32());
        Assert.Equal(
            $"User: {Role} is not authorized to perform: kms:Decrypt on resource: {result.GetProperty("KeyArn").GetString()} " +
            "because no identity-based policy allows the kms:Decrypt action",
            payroll.GetProperty("Message").GetString());
        var lockout = result.GetProperty("Lockout");
        Assert.Equal("MalformedPolicyDocumentException", lockout.GetProperty("Code").GetString());
        Assert.Equal("The new key policy will not allow you to update the key policy in the future.", lockout.GetProperty("Message").GetString());
    }
}
