using System.Text;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>
/// The local KMS decides every request through the key policy, the caller's identity policies and grants, over the
/// condition keys AWS sets for it, with AWS's AccessDeniedException texts; key policies it is given are checked as AWS
/// checks them (principals, lockout).
/// </summary>
public sealed class PolicyEnforcementTests : IDisposable
{
    private const string Account = LocalKmsPrincipal.DefaultAccount;
    private readonly LocalKmsHarness _kms = new();

    public void Dispose() => _kms.Dispose();

    private AmazonKeyManagementServiceClient As(string name, string[]? policies = null, Dictionary<string, string>? tags = null)
    {
        var principal = new LocalKmsPrincipal($"AKIA{name.ToUpperInvariant().PadRight(16, 'X')}", $"{name}-secret", $"arn:aws:iam::{Account}:role/{name}", Account)
        {
            IdentityPolicies = policies ?? [],
            Tags = tags ?? [],
        };
        _kms.Service.AddPrincipal(principal);
        return _kms.Client(principal: principal);
    }

    private static string Allow(string action, string resource = "*", string condition = "") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"{{(condition.Length > 0 ? "," + condition : "")}}}]}""";

    private static async Task<string> DeniedAsync(Func<Task> call) => (await KmsAssert.FailsWith("AccessDeniedException", call)).Message;

    private static EncryptRequest Encrypt(string keyId) => new() { KeyId = keyId, Plaintext = LocalKmsHarness.Bytes("x") };

    [Fact]
    public async Task DefaultKeyPolicy_DelegatesToTheAccount_SoTheRoleNeedsAnIdentityPolicy()
    {
        var key = await _kms.CreateKeyAsync();
        var bare = As("bare");
        Assert.Equal(
            $"User: arn:aws:iam::{Account}:role/bare is not authorized to perform: kms:Encrypt on resource: {key.Arn} because no identity-based policy allows the kms:Encrypt action",
            await DeniedAsync(() => bare.EncryptAsync(Encrypt(key.Arn))));

        var allowed = As("allowed", [Allow("kms:Encrypt", key.Arn)]);
        await allowed.EncryptAsync(Encrypt(key.Arn));

        var denied = As("denied", [LocalKmsPrincipal.AdministratorAccessPolicy, """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"kms:Encrypt","Resource":"*"}]}"""]);
        Assert.Equal(
            $"User: arn:aws:iam::{Account}:role/denied is not authorized to perform: kms:Encrypt on resource: {key.Arn} with an explicit deny in an identity-based policy",
            await DeniedAsync(() => denied.EncryptAsync(Encrypt(key.Arn))));
    }

    [Fact]
    public async Task KeyPolicyWithoutTheRoot_IgnoresIdentityPolicies()
    {
        var admin = As("keyadmin");
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:role/keyadmin"},"Action":"kms:*","Resource":"*"}]}""";
        var key = await _kms.CreateKeyAsync(request: new CreateKeyRequest { Policy = policy, BypassPolicyLockoutSafetyCheck = true });
        await admin.EncryptAsync(Encrypt(key.Arn));
        Assert.Equal(
            $"User: {LocalKmsPrincipal.DefaultPrincipalArn} is not authorized to perform: kms:Encrypt on resource: {key.Arn} because no resource-based policy allows the kms:Encrypt action",
            await DeniedAsync(() => _kms.Client().EncryptAsync(Encrypt(key.Arn))));
    }

    [Fact]
    public async Task Conditions_SeeTheAlgorithmTheRequestAsksFor()
    {
        var key = await _kms.CreateKeyAsync(request: new CreateKeyRequest { KeySpec = KeySpec.RSA_2048, KeyUsage = KeyUsageType.SIGN_VERIFY });
        var signer = As("signer", [Allow("kms:Sign", key.Arn, """ "Condition":{"StringEquals":{"kms:SigningAlgorithm":"RSASSA_PSS_SHA_256"}}""")]);
        SignRequest Sign(SigningAlgorithmSpec algorithm) => new() { KeyId = key.Arn, Message = LocalKmsHarness.Bytes("m"), SigningAlgorithm = algorithm };

        await signer.SignAsync(Sign(SigningAlgorithmSpec.RSASSA_PSS_SHA_256));
        await DeniedAsync(() => signer.SignAsync(Sign(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256)));
    }

    [Fact]
    public async Task Conditions_SeeTheKeyAgreementAlgorithm()
    {
        var key = await _kms.CreateKeyAsync(request: new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.KEY_AGREEMENT });
        using var peer = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        DeriveSharedSecretRequest Derive() => new() { KeyId = key.Arn, KeyAgreementAlgorithm = "ECDH", PublicKey = new MemoryStream(peer.ExportSubjectPublicKeyInfo()) };
        var allowed = As("agreer", [Allow("kms:DeriveSharedSecret", key.Arn, """ "Condition":{"StringEquals":{"kms:KeyAgreementAlgorithm":"ECDH"}}""")]);
        Assert.Equal(32, (await allowed.DeriveSharedSecretAsync(Derive())).SharedSecret.Length);
        var other = As("other-agreer", [Allow("kms:DeriveSharedSecret", key.Arn, """ "Condition":{"StringEquals":{"kms:KeyAgreementAlgorithm":"SOMETHING_ELSE"}}""")]);
        await DeniedAsync(() => other.DeriveSharedSecretAsync(Derive()));
    }

    [Fact]
    public async Task Conditions_SeeTheImportRequestsWrappingAndExpiry()
    {
        var key = await Import.ImportSteps.CreateExternalKeyAsync(_kms.Client());
        var importer = As("importer", [
            Allow("kms:GetParametersForImport", key.Arn, """ "Condition":{"StringEquals":{"kms:WrappingAlgorithm":"RSAES_OAEP_SHA_256","kms:WrappingKeySpec":"RSA_3072"}}"""),
            Allow("kms:ImportKeyMaterial", key.Arn, """ "Condition":{"StringEquals":{"kms:ExpirationModel":"KEY_MATERIAL_EXPIRES"},"DateLessThan":{"kms:ValidTo":"2025-02-01T00:00:00Z"}}"""),
        ]);
        await DeniedAsync(() => Import.ImportSteps.ParametersAsync(importer, key.Arn, "RSAES_OAEP_SHA_256", "RSA_2048"));
        var parameters = await Import.ImportSteps.ParametersAsync(importer, key.Arn, "RSAES_OAEP_SHA_256", "RSA_3072");
        ImportKeyMaterialRequest Request(DateTime? validTo) => new()
        {
            KeyId = key.Arn, ImportToken = new MemoryStream(parameters.ImportToken.ToArray()),
            EncryptedKeyMaterial = new MemoryStream(Import.ImportSteps.Wrap(parameters.PublicKey.ToArray(), "RSAES_OAEP_SHA_256", new byte[32])),
            ExpirationModel = validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = validTo,
        };
        await DeniedAsync(() => importer.ImportKeyMaterialAsync(Request(null)));
        await DeniedAsync(() => importer.ImportKeyMaterialAsync(Request(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc))));
        await importer.ImportKeyMaterialAsync(Request(new DateTime(2025, 1, 20, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public async Task Conditions_ComparePrincipalTagsWithResourceTags_ThroughPolicyVariables()
    {
        var key = await _kms.CreateKeyAsync(request: new CreateKeyRequest { Tags = [new Tag { TagKey = "team", TagValue = "blue" }] });
        var abac = Allow("kms:Encrypt", "*", """ "Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}""");
        await As("blue", [abac], new() { ["team"] = "blue" }).EncryptAsync(Encrypt(key.Arn));
        await DeniedAsync(() => As("red", [abac], new() { ["team"] = "red" }).EncryptAsync(Encrypt(key.Arn)));
    }

    [Fact]
    public async Task Conditions_SeeTheEncryptionContextAndTheAliasThatNamedTheKey()
    {
        var key = await _kms.CreateKeyAsync();
        await _kms.Client().CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/billing", TargetKeyId = key.KeyId });
        var role = As("contexts", [Allow("kms:Encrypt", "*", """ "Condition":{"StringEquals":{"kms:EncryptionContext:app":"billing","kms:RequestAlias":"alias/billing"}}""")]);
        var context = new Dictionary<string, string> { ["app"] = "billing" };

        await role.EncryptAsync(new EncryptRequest { KeyId = "alias/billing", Plaintext = LocalKmsHarness.Bytes("x"), EncryptionContext = context });
        await DeniedAsync(() => role.EncryptAsync(new EncryptRequest { KeyId = key.Arn, Plaintext = LocalKmsHarness.Bytes("x"), EncryptionContext = context }));
        await DeniedAsync(() => role.EncryptAsync(new EncryptRequest { KeyId = "alias/billing", Plaintext = LocalKmsHarness.Bytes("x") }));
    }

    [Fact]
    public async Task Conditions_SeeTheAliasesOfTheKey_WhenAPolicyNamesThem()
    {
        var tagged = await _kms.CreateKeyAsync();
        var other = await _kms.CreateKeyAsync();
        await _kms.Client().CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/payroll", TargetKeyId = tagged.KeyId });
        var role = As("aliases", [Allow("kms:Encrypt", "*", """ "Condition":{"ForAnyValue:StringEquals":{"kms:ResourceAliases":"alias/payroll"}}""")]);

        await role.EncryptAsync(Encrypt(tagged.Arn));
        await DeniedAsync(() => role.EncryptAsync(Encrypt(other.Arn)));
    }

    [Fact]
    public async Task CreateKey_IsDecidedByIdentityPoliciesAlone_WithTheRequestsKeys()
    {
        var none = As("nocreate");
        Assert.Equal(
            $"User: arn:aws:iam::{Account}:role/nocreate is not authorized to perform: kms:CreateKey on resource: * because no identity-based policy allows the kms:CreateKey action",
            await DeniedAsync(() => none.CreateKeyAsync(new CreateKeyRequest())));

        var symmetricOnly = As("symmetric", [
            Allow("kms:CreateKey", "*", """ "Condition":{"StringEquals":{"kms:KeySpec":"SYMMETRIC_DEFAULT"},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}"""),
            Allow("kms:PutKeyPolicy")]);
        await symmetricOnly.CreateKeyAsync(new CreateKeyRequest { Tags = [new Tag { TagKey = "team", TagValue = "blue" }] });
        await DeniedAsync(() => symmetricOnly.CreateKeyAsync(new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY }));
        await DeniedAsync(() => symmetricOnly.CreateKeyAsync(new CreateKeyRequest { Tags = [new Tag { TagKey = "owner", TagValue = "x" }] }));
    }

    [Fact]
    public async Task CrossAccount_NeedsTheKeyPolicyAndTheCallersIdentityPolicy()
    {
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:*","Resource":"*"},
              {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"kms:Encrypt","Resource":"*"}]}
            """;
        var key = await _kms.CreateKeyAsync(request: new CreateKeyRequest { Policy = policy });
        var partner = _kms.ClientB();
        await DeniedAsync(() => partner.EncryptAsync(Encrypt(key.Arn)));

        var withPolicy = new LocalKmsPrincipal("AKIAPARTNER000000001", "partner-secret", "arn:aws:iam::444455556666:role/partner", "444455556666")
        {
            IdentityPolicies = [Allow("kms:Encrypt", key.Arn)],
        };
        _kms.Service.AddPrincipal(withPolicy);
        await _kms.Client(principal: withPolicy).EncryptAsync(Encrypt(key.Arn));
    }

    [Fact]
    public async Task PutKeyPolicy_RefusesALockout_UnlessBypassed_AndThenTheCallerIsLockedOut()
    {
        As("only-admin");
        var key = await _kms.CreateKeyAsync();
        var lockout = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:role/only-admin"},"Action":"kms:*","Resource":"*"}]}""";
        var admin = _kms.Client();
        var refused = await KmsAssert.FailsWith("MalformedPolicyDocumentException",
            () => admin.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = lockout }));
        Assert.Equal("The new key policy will not allow you to update the key policy in the future.", refused.Message);

        await admin.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = lockout, BypassPolicyLockoutSafetyCheck = true });
        Assert.Equal(
            $"User: {LocalKmsPrincipal.DefaultPrincipalArn} is not authorized to perform: kms:PutKeyPolicy on resource: {key.Arn} because no resource-based policy allows the kms:PutKeyPolicy action",
            await DeniedAsync(() => admin.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = lockout })));
    }

    [Fact]
    public async Task KeyPolicy_NamingAnUnknownPrincipal_IsMalformed()
    {
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::{{Account}}:root","arn:aws:iam::{{Account}}:role/nobody"]},"Action":"kms:*","Resource":"*"}]}""";
        var refused = await KmsAssert.FailsWith("MalformedPolicyDocumentException",
            () => _kms.CreateKeyAsync(request: new CreateKeyRequest { Policy = policy }));
        Assert.Equal("Policy contains a statement with one or more invalid principals.", refused.Message);
        Assert.Empty((await _kms.Client().ListKeysAsync(new ListKeysRequest())).Keys ?? []);
    }

    [Fact]
    public async Task AssumedRoleSession_IsAllowedByAStatementNamingItsRole()
    {
        var session = new LocalKmsPrincipal("AKIASESSION000000001", "session-secret", $"arn:aws:sts::{Account}:assumed-role/app/session-1", Account);
        _kms.Service.AddPrincipal(session);
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:*","Resource":"*"},
              {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:role/app"},"Action":"kms:Encrypt","Resource":"*"}]}
            """;
        var key = await _kms.CreateKeyAsync(request: new CreateKeyRequest { Policy = policy });
        await _kms.Client(principal: session).EncryptAsync(Encrypt(key.Arn));
    }
}
